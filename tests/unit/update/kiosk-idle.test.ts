import { afterEach, describe, expect, it } from 'vitest';
import type { KioskCore } from '../../../src-main/app/composition-root';
import { ATTRACT_SCREEN, kioskIdle } from '../../../src-main/update/kiosk-idle';
import { itSession } from '../../fakes/staff-session';
import { useTempDirs } from '../../fakes/temp-dir';
import { createTestCore } from '../../fakes/test-core';

const tempDir = useTempDirs();
const cores: KioskCore[] = [];
afterEach(async () => {
  for (const core of cores.splice(0)) await core.close();
});

describe('kioskIdle', () => {
  it('is idle only on a freshly proven attract screen with no citizen or staff session', () => {
    const attract = { screen: ATTRACT_SCREEN, ageSeconds: 3 };
    expect(kioskIdle({ citizenSession: false, staffSession: false, render: attract })).toBe(true);
    expect(kioskIdle({ citizenSession: true, staffSession: false, render: attract })).toBe(false);
    expect(kioskIdle({ citizenSession: false, staffSession: true, render: attract })).toBe(false);
    expect(kioskIdle({ citizenSession: false, staffSession: false, render: { screen: 'screen-home', ageSeconds: 3 } })).toBe(false);
    // A screen that stopped proving its paints (frozen, blank) is not "between citizens".
    expect(kioskIdle({ citizenSession: false, staffSession: false, render: { screen: ATTRACT_SCREEN, ageSeconds: 31 } })).toBe(false);
    expect(kioskIdle({ citizenSession: false, staffSession: false, render: null })).toBe(false);
  });
});

describe('KioskCore.isIdle', () => {
  it('follows the render proof and the citizen and staff sessions through the contract', async () => {
    const { core, clock } = await createTestCore(tempDir());
    cores.push(core);
    expect(core.isIdle()).toBe(false);
    await core.dispatcher.dispatch('reportRendered', { screen: ATTRACT_SCREEN });
    expect(core.isIdle()).toBe(true);
    // The first tap: main knows at once, before the next render proof.
    await core.dispatcher.dispatch('startCitizenSession', {});
    expect(core.isIdle()).toBe(false);
    await core.dispatcher.dispatch('reportRendered', { screen: 'screen-language' });
    await core.dispatcher.dispatch('endCitizenSession', {});
    expect(core.isIdle()).toBe(false);
    await core.dispatcher.dispatch('reportRendered', { screen: ATTRACT_SCREEN });
    expect(core.isIdle()).toBe(true);
    // Staff at the panel over the attract screen.
    await itSession(core);
    expect(core.isIdle()).toBe(false);
    clock.advance(2 * 60_000);
    await core.dispatcher.dispatch('reportRendered', { screen: ATTRACT_SCREEN });
    expect(core.isIdle()).toBe(true);
    clock.advance(31_000);
    expect(core.isIdle()).toBe(false);
  });
});
