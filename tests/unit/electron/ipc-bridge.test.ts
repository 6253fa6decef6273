import { describe, expect, it, vi } from 'vitest';
import type { Reply } from '../../../src-shared/errors';
import { Dispatcher, type Handlers } from '../../../src-main/app/dispatcher';
import { EventBus } from '../../../src-main/kernel/event-bus';
import { createMemoryLogger } from '../../../src-main/kernel/logger';
import {
  createSenderCheck,
  EVENT_CHANNEL,
  INVOKE_CHANNEL,
  registerIpcBridge,
  type EventSink,
  type InvokeEvent,
  type IpcMainLike,
} from '../../../src-main/electron/ipc-bridge';
import { KIOSK_ORIGIN } from '../../../src-main/electron/kiosk-origin';

type InvokeListener = Parameters<IpcMainLike['handle']>[1];

/** Captures the handler the bridge registers, the way Electron's ipcMain would hold it. */
class FakeIpcMain implements IpcMainLike {
  readonly handlers = new Map<string, InvokeListener>();
  handle(channel: string, listener: InvokeListener): void {
    // Electron throws on a second handler for the same channel; so does the fake.
    if (this.handlers.has(channel)) throw new Error(`second handler for ${channel}`);
    this.handlers.set(channel, listener);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
  invoke(event: InvokeEvent, ...args: unknown[]): Promise<Reply<unknown>> {
    const listener = this.handlers.get(INVOKE_CHANNEL);
    if (!listener) throw new Error('no handler registered');
    return listener(event, ...args);
  }
}

class FakeContents implements EventSink {
  readonly sent: unknown[][] = [];
  destroyed = false;
  constructor(readonly id: number) {}
  isDestroyed(): boolean {
    return this.destroyed;
  }
  send(channel: string, ...args: unknown[]): void {
    this.sent.push([channel, ...args]);
  }
}

const WINDOW_ID = 7;
const fromKiosk: InvokeEvent = { sender: { id: WINDOW_ID }, senderFrame: { url: 'kiosk://app/index.html', parent: null } };

function setup(options: { trusted?: (event: InvokeEvent) => boolean } = {}) {
  const listQueueServices = vi.fn(() => [
    {
      id: 'birth',
      prefix: 'A',
      name: { vi: 'Khai sinh', en: 'Birth registration' },
      description: { vi: 'Đăng ký khai sinh', en: 'Register a birth' },
      icon: 'baby',
    },
  ]);
  const reprintTicket = vi.fn();
  // Only the handlers these tests reach; the dispatcher validates before it calls any.
  const handlers = { listQueueServices, reprintTicket } as unknown as Handlers;
  const logger = createMemoryLogger();
  const dispatcher = new Dispatcher(handlers, logger, { authorize: () => false });
  const events = new EventBus();
  const ipcMain = new FakeIpcMain();
  const contents = new FakeContents(WINDOW_ID);
  let window: FakeContents | null = contents;
  const dispose = registerIpcBridge({
    ipcMain,
    dispatcher,
    events,
    isTrustedSender: options.trusted ?? createSenderCheck({ origin: KIOSK_ORIGIN, contents: () => window }),
    target: () => window,
    logger,
  });
  return { ipcMain, events, contents, logger, dispose, listQueueServices, reprintTicket, closeWindow: () => (window = null) };
}

const health = { device: 'printer', state: 'ok', reason: '', at: '2026-01-01T00:00:00.000Z' } as const;

describe('registerIpcBridge: invoke', () => {
  it('registers exactly one handler, on the invoke channel', () => {
    const { ipcMain } = setup();
    expect([...ipcMain.handlers.keys()]).toEqual([INVOKE_CHANNEL]);
    expect(INVOKE_CHANNEL).toBe('kiosk:invoke');
  });

  it('passes a valid request from the kiosk page to the handler and returns its value', async () => {
    const { ipcMain, listQueueServices } = setup();
    const reply = await ipcMain.invoke(fromKiosk, 'listQueueServices', {});
    expect(reply).toEqual({ ok: true, value: listQueueServices.mock.results[0]?.value });
    expect(listQueueServices).toHaveBeenCalledExactlyOnceWith({});
  });

  it('answers unknown_method for a method the contract does not name', async () => {
    const { ipcMain } = setup();
    for (const method of ['deleteEverything', '__proto__', 'constructor', 42, undefined]) {
      const reply = await ipcMain.invoke(fromKiosk, method, {});
      expect(reply, String(method)).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
    }
  });

  it('answers invalid_request when the request does not match its schema', async () => {
    const { ipcMain, reprintTicket } = setup();
    for (const request of [{ ticketId: 'not-a-uuid' }, {}, null, 'x', { ticketId: crypto.randomUUID(), extra: 1 }]) {
      const reply = await ipcMain.invoke(fromKiosk, 'reprintTicket', request);
      expect(reply, JSON.stringify(request)).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    }
    expect(reprintTicket).not.toHaveBeenCalled();
  });

  it.each<[string, InvokeEvent]>([
    ['another origin', { sender: { id: WINDOW_ID }, senderFrame: { url: 'https://evil.example/', parent: null } }],
    ['a look-alike host', { sender: { id: WINDOW_ID }, senderFrame: { url: 'kiosk://app.evil/index.html', parent: null } }],
    ['a subframe', { sender: { id: WINDOW_ID }, senderFrame: { url: 'kiosk://app/frame.html', parent: {} } }],
    ['another web contents', { sender: { id: WINDOW_ID + 1 }, senderFrame: { url: 'kiosk://app/index.html', parent: null } }],
    ['a destroyed frame', { sender: { id: WINDOW_ID }, senderFrame: null }],
  ])('refuses %s with forbidden, before validation or any handler', async (_name, event) => {
    const { ipcMain, listQueueServices, logger } = setup();
    const reply = await ipcMain.invoke(event, 'listQueueServices', {});
    expect(reply).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    // The sender is checked first: an unknown method from it is still just "forbidden".
    expect(await ipcMain.invoke(event, 'noSuchMethod', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(listQueueServices).not.toHaveBeenCalled();
    expect(logger.lines.some((l) => l.level === 'warn')).toBe(true);
  });

  it('refuses every sender while there is no kiosk window', async () => {
    const { ipcMain, closeWindow } = setup();
    closeWindow();
    expect(await ipcMain.invoke(fromKiosk, 'listQueueServices', {})).toMatchObject({ error: { code: 'forbidden' } });
  });

  it('treats a sender check that throws (a disposed frame) as untrusted', async () => {
    const { ipcMain } = setup({
      trusted: () => {
        throw new Error('Render frame was disposed before WebFrameMain could be accessed');
      },
    });
    expect(await ipcMain.invoke(fromKiosk, 'listQueueServices', {})).toMatchObject({ error: { code: 'forbidden' } });
  });

  it('stops answering once disposed', async () => {
    const { ipcMain, dispose } = setup();
    dispose();
    expect(ipcMain.handlers.size).toBe(0);
  });
});

describe('registerIpcBridge: events', () => {
  it('forwards bus events to the window on the event channel', () => {
    const { events, contents } = setup();
    events.emit('deviceHealth', health);
    expect(contents.sent).toEqual([[EVENT_CHANNEL, 'deviceHealth', health]]);
    expect(EVENT_CHANNEL).toBe('kiosk:event');
  });

  it('drops events while the window is gone or destroyed', () => {
    const { events, contents, closeWindow } = setup();
    contents.destroyed = true;
    events.emit('deviceHealth', health);
    closeWindow();
    events.emit('deviceHealth', health);
    expect(contents.sent).toEqual([]);
  });

  it('never lets a failing send break the service that emitted', () => {
    const { events, contents, logger } = setup();
    contents.send = () => {
      throw new Error('Object has been destroyed');
    };
    expect(() => events.emit('deviceHealth', health)).not.toThrow();
    expect(logger.lines).toContainEqual(expect.objectContaining({ level: 'warn', message: 'event not delivered to the renderer' }));
  });

  it('stops forwarding once disposed', () => {
    const { events, contents, dispose } = setup();
    dispose();
    events.emit('deviceHealth', health);
    expect(contents.sent).toEqual([]);
  });
});

describe('createSenderCheck', () => {
  const check = createSenderCheck({ origin: KIOSK_ORIGIN, contents: () => ({ id: WINDOW_ID }) });

  it('trusts the main frame of the kiosk window on the kiosk origin', () => {
    expect(check(fromKiosk)).toBe(true);
    expect(check({ ...fromKiosk, senderFrame: { url: 'kiosk://app/index.html#/queue', parent: null } })).toBe(true);
  });

  it('trusts nothing else', () => {
    expect(check({ ...fromKiosk, senderFrame: { url: 'kiosk://app/index.html', parent: {} } })).toBe(false);
    expect(check({ ...fromKiosk, senderFrame: { url: 'about:blank', parent: null } })).toBe(false);
    expect(check({ ...fromKiosk, sender: { id: 99 } })).toBe(false);
    expect(check({ ...fromKiosk, senderFrame: null })).toBe(false);
  });
});
