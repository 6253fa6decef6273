import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { KioskInChromium, kioskPage, shot } from './harness';

/** Running animations on the page (CSS animations and transitions); none means no frames drawn. */
const runningAnimations = `document.getAnimations().filter((a) => a.playState === 'running').length`;

describe('attract screen: inviting, but idle between its changes (issue #21)', () => {
  const env = KioskInChromium.forSuite();

  it('changes every few seconds and runs no animation between changes', async () => {
    const page = await kioskPage(env.browser, 'portrait');
    await page.goto(env.kiosk.url);
    const attract = page.getByTestId('screen-attract');
    await attract.waitFor();
    await shot(page, 'attract-rest');
    const first = await attract.getAttribute('class');
    await page.waitForFunction((c) => document.querySelector('[data-testid="screen-attract"]')?.getAttribute('class') !== c, first, { timeout: 7000 });
    await page.waitForTimeout(1000);
    await shot(page, 'attract-raised');
    assert.notEqual(await attract.getAttribute('class'), first);
    assert.equal(await page.evaluate(runningAnimations), 0, 'nothing animates between two changes');
    await page.close();
  });

  it('does not move under prefers-reduced-motion', async () => {
    const page = await kioskPage(env.browser, 'portrait');
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await page.goto(env.kiosk.url);
    const attract = page.getByTestId('screen-attract');
    await attract.waitFor();
    const first = await attract.getAttribute('class');
    await page.waitForTimeout(6000);
    assert.equal(await attract.getAttribute('class'), first);
    assert.equal(await page.evaluate(runningAnimations), 0);
    await page.close();
  });
});
