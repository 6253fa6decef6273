import { beforeEach, describe, expect, it, vi } from 'vitest';
import { methodNames } from '../../../src-shared/contract';
import { INVOKE_CHANNEL } from '../../../src-shared/ipc-channels';

// The preload's only job is wiring Electron's modules; they are faked here because the Electron
// binary (and so its runtime modules) does not exist under plain Node.
const electron = vi.hoisted(() => ({
  exposed: new Map<string, unknown>(),
  invoke: vi.fn(async (..._args: unknown[]): Promise<unknown> => ({ ok: true, value: [] })),
}));
vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => electron.exposed.set(key, api) },
  ipcRenderer: { invoke: electron.invoke, on: vi.fn(), removeListener: vi.fn() },
}));

describe('preload', () => {
  beforeEach(async () => {
    vi.resetModules();
    electron.exposed.clear();
    await import('../../../src-main/electron/preload');
  });

  it('exposes exactly one API, window.kiosk, with every contract method and on()', () => {
    expect([...electron.exposed.keys()]).toEqual(['kiosk']);
    const kiosk = electron.exposed.get('kiosk') as Record<string, unknown>;
    expect(Object.keys(kiosk).sort()).toEqual([...methodNames, 'on'].sort());
    for (const key of Object.keys(kiosk)) expect(typeof kiosk[key], key).toBe('function');
  });

  it('routes a method call through ipcRenderer.invoke on the invoke channel', async () => {
    const kiosk = electron.exposed.get('kiosk') as { listQueueServices(request: object): Promise<unknown> };
    expect(await kiosk.listQueueServices({})).toEqual({ ok: true, value: [] });
    expect(electron.invoke).toHaveBeenLastCalledWith(INVOKE_CHANNEL, 'listQueueServices', {});
  });
});
