import { afterEach, describe, expect, it } from 'vitest';
import type { KioskCore } from '../../../src-main/app/composition-root';
import { ATTRACT_SCREEN } from '../../../src-main/devices/display/idle-moment';
import { itSession } from '../../fakes/staff-session';
import { useTempDirs } from '../../fakes/temp-dir';
import { createTestCore } from '../../fakes/test-core';

const tempDir = useTempDirs();
const cores: KioskCore[] = [];
afterEach(async () => {
  for (const core of cores.splice(0)) await core.close();
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
    // The attract screen again, painted after the session began (the proof's age is whole seconds).
    clock.advance(2_000);
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
