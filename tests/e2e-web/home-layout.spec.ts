import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { KioskInChromium, kioskPage, shot } from './harness';

/*
 * The home screen uses the height it has: on a portrait kiosk (1080×1920) the tiles grow and the
 * help and queue-wait areas fill the lower part instead of leaving it empty; on landscape
 * (1920×1080) everything still fits without scrolling. Screenshots of both, in both languages.
 */

describe('the home screen layout', () => {
  const env = KioskInChromium.forSuite();

  for (const orientation of ['portrait', 'landscape'] as const) {
    for (const lang of ['vi', 'en'] as const) {
      it(`fills the ${orientation} screen without scrolling (${lang})`, async () => {
        const page = await kioskPage(env.browser, orientation);
        await page.goto(env.kiosk.url);
        await page.getByTestId('screen-attract').click();
        await page.getByRole('button', { name: lang === 'vi' ? 'Tiếng Việt' : 'English' }).click();
        const home = page.getByTestId('screen-home');
        await home.waitFor();
        await page.getByTestId('home-queue-summary').waitFor();
        await shot(page, `home-${orientation}-${lang}`);
        const viewport = page.viewportSize() ?? { width: 0, height: 0 };
        // No named helper inside: the page gets the function's source, without tsx's helpers.
        const layout = await page.evaluate(() => ({
          lowest: Math.max(...Array.from(document.querySelectorAll('[data-testid="screen-home"] > *')).map((el) => el.getBoundingClientRect().bottom)),
          tiles: Array.from(document.querySelectorAll('[data-testid^="home-"].tile')).map((el) => ({ w: el.getBoundingClientRect().width, h: el.getBoundingClientRect().height })),
          scroll: document.documentElement.scrollHeight,
        }));
        assert.ok(layout.scroll <= viewport.height + 1, `no scrolling: ${layout.scroll} > ${viewport.height}`);
        // The content reaches into the bottom fifth of the screen (the portrait one left 60 % empty).
        assert.ok(layout.lowest >= viewport.height * 0.8, `the content ends at ${layout.lowest} of ${viewport.height}`);
        for (const t of layout.tiles) assert.ok(t.w >= 64 && t.h >= (orientation === 'portrait' ? 200 : 64), `tile ${t.w}×${t.h}`);
        await page.close();
      });
    }
  }
});
