import { describe, expect, it } from 'vitest';
import { EventBus } from '../../src-main/kernel/event-bus';
import { deferCore } from '../../src-main/web-host/deferred-core';
import type { RequestHandler } from '../../src-main/web-host/web-host';

function controllable<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

const echo: RequestHandler = { dispatch: async (method) => ({ ok: true, value: method }) };

describe('deferCore: the page is served before the core is ready', () => {
  it('holds calls until the core is ready, then answers them', async () => {
    const core = controllable<{ dispatcher: RequestHandler; events: EventBus }>();
    const deferred = deferCore(core.promise);
    let answered = false;
    const reply = deferred.dispatcher.dispatch('getInfo', {}).then((r) => {
      answered = true;
      return r;
    });
    await new Promise((r) => setTimeout(r, 10));
    expect(answered).toBe(false);
    core.resolve({ dispatcher: echo, events: new EventBus() });
    expect(await reply).toEqual({ ok: true, value: 'getInfo' });
  });

  it('forwards events to listeners that subscribed before the core was ready, and not after they left', async () => {
    const core = controllable<{ dispatcher: RequestHandler; events: EventBus }>();
    const bus = new EventBus();
    const deferred = deferCore(core.promise);
    const seen: string[] = [];
    const gone: string[] = [];
    deferred.events.subscribe((event) => seen.push(event));
    const leave = deferred.events.subscribe((event) => gone.push(event));
    leave();
    core.resolve({ dispatcher: echo, events: bus });
    await core.promise;
    await Promise.resolve();
    bus.emit('deviceHealth', { device: 'printer', state: 'ok', reason: 'printer_ready', at: '2026-11-23T00:00:00Z' });
    expect(seen).toEqual(['deviceHealth']);
    expect(gone).toEqual([]);
  });

  it('answers with an internal error when the core fails to start', async () => {
    const core = controllable<{ dispatcher: RequestHandler; events: EventBus }>();
    const deferred = deferCore(core.promise);
    const reply = deferred.dispatcher.dispatch('getInfo', {});
    core.reject(new Error('disk gone'));
    const value = await reply;
    expect(value.ok).toBe(false);
    if (!value.ok) expect(value.error.code).toBe('internal');
  });
});
