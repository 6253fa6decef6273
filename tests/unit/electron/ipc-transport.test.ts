import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { createKioskClient } from '../../../src-shared/client';
import type { KioskClient } from '../../../src-shared/contract';
import { Dispatcher, type Handlers } from '../../../src-main/app/dispatcher';
import { EventBus } from '../../../src-main/kernel/event-bus';
import { createMemoryLogger } from '../../../src-main/kernel/logger';
import { EVENT_CHANNEL, INVOKE_CHANNEL, registerIpcBridge, type IpcMainLike } from '../../../src-main/electron/ipc-bridge';
import { createIpcTransport, type IpcRendererLike } from '../../../src-main/electron/ipc-transport';

/**
 * Stands in for Electron's IPC: the renderer side and the main side of one window, joined the
 * way ipcRenderer.invoke / ipcMain.handle and webContents.send / ipcRenderer.on are.
 */
function fakeIpc() {
  const rendererEvents = new EventEmitter();
  let handler: Parameters<IpcMainLike['handle']>[1] | undefined;
  const senderEvent = { sender: { id: 1 }, senderFrame: { url: 'kiosk://app/index.html', parent: null } };
  const ipcMain: IpcMainLike = {
    handle: (_channel, listener) => void (handler = listener),
    removeHandler: () => void (handler = undefined),
  };
  const ipcRenderer: IpcRendererLike & { invoked: unknown[][] } = {
    invoked: [],
    async invoke(channel, ...args) {
      this.invoked.push([channel, ...args]);
      if (channel !== INVOKE_CHANNEL || !handler) throw new Error(`No handler registered for '${channel}'`);
      // Electron copies arguments with structured clone; so does the fake.
      return handler(senderEvent, ...structuredClone(args));
    },
    on: (channel, listener) => rendererEvents.on(channel, listener),
    removeListener: (channel, listener) => rendererEvents.removeListener(channel, listener),
  };
  const contents = {
    id: 1,
    isDestroyed: () => false,
    send: (channel: string, ...args: unknown[]) => rendererEvents.emit(channel, { sender: 'ipc' }, ...structuredClone(args)),
  };
  return { ipcMain, ipcRenderer, contents, rendererEvents };
}

function setup() {
  const ipc = fakeIpc();
  const handlers = {
    listQueueServices: () => [],
  } as unknown as Handlers;
  const logger = createMemoryLogger();
  const events = new EventBus();
  registerIpcBridge({
    ipcMain: ipc.ipcMain,
    dispatcher: new Dispatcher(handlers, logger, { authorize: () => false }),
    events,
    isTrustedSender: () => true,
    target: () => ipc.contents,
    logger,
  });
  const kiosk: KioskClient = createKioskClient(createIpcTransport(ipc.ipcRenderer));
  return { ...ipc, events, kiosk };
}

const health = { device: 'printer', state: 'degraded', reason: 'printer_paper_low', at: '2026-01-01T00:00:00.000Z' } as const;

describe('createIpcTransport', () => {
  it('sends every method over the one invoke channel and returns the reply', async () => {
    const { kiosk, ipcRenderer } = setup();
    expect(await kiosk.listQueueServices({})).toEqual({ ok: true, value: [] });
    expect(ipcRenderer.invoked).toEqual([[INVOKE_CHANNEL, 'listQueueServices', {}]]);
  });

  it('carries validation errors back as replies, not exceptions', async () => {
    const { kiosk } = setup();
    const reply = await kiosk.takeTicket({ serviceId: '', priority: 'none', language: 'vi' });
    expect(reply).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
  });

  it('delivers events to on() listeners without the IPC event object, until unsubscribed', () => {
    const { kiosk, events, rendererEvents } = setup();
    const received: unknown[] = [];
    const unsubscribe = kiosk.on('deviceHealth', (payload) => received.push(payload));
    expect(rendererEvents.listenerCount(EVENT_CHANNEL)).toBe(1);

    events.emit('deviceHealth', health);
    expect(received).toEqual([health]);

    unsubscribe();
    expect(rendererEvents.listenerCount(EVENT_CHANNEL)).toBe(0);
    events.emit('deviceHealth', health);
    expect(received).toHaveLength(1);
  });

  it('ignores event messages whose name is not a string', () => {
    const { kiosk, rendererEvents } = setup();
    const received: unknown[] = [];
    kiosk.on('deviceHealth', (payload) => received.push(payload));
    rendererEvents.emit(EVENT_CHANNEL, {}, 42, health);
    rendererEvents.emit(EVENT_CHANNEL, {}, { name: 'deviceHealth' }, health);
    expect(received).toEqual([]);
  });
});
