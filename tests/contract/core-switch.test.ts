import { describe, expect, it } from 'vitest';
import { CoreSwitch } from '../../src-main/app/core-switch';
import { EventBus } from '../../src-main/kernel/event-bus';
import { hostEnds, type CoreEnds } from '../../src-main/web-host/deferred-core';

function controllable<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** A core that answers with its name, records its closing, and can hold a request open. */
function fakeCore(name: string, log: string[], hold?: Promise<void>): CoreEnds & { bus: EventBus } {
  const bus = new EventBus();
  return {
    bus,
    events: bus,
    dispatcher: {
      dispatch: async (method) => {
        if (method === 'slow' && hold) await hold;
        log.push(`${name} answers ${String(method)}`);
        return { ok: true, value: `${name}:${String(method)}` };
      },
    },
    close: async () => {
      log.push(`${name} closed`);
    },
  };
}

const tick = () => new Promise((r) => setTimeout(r, 10));
const health = { device: 'printer', state: 'ok', reason: 'printer_ready', at: '2026-11-23T00:00:00Z' } as const;

describe('CoreSwitch: the page is served before the core is ready', () => {
  it('holds calls until the core is ready, then answers them', async () => {
    const core = controllable<CoreEnds>();
    const ends = hostEnds(new CoreSwitch(core.promise));
    let answered = false;
    const reply = ends.dispatcher.dispatch('getInfo', {}).then((r) => {
      answered = true;
      return r;
    });
    await tick();
    expect(answered).toBe(false);
    expect(ends.liveness().verdict).toBe('starting');
    core.resolve(fakeCore('a', []));
    expect(await reply).toEqual({ ok: true, value: 'a:getInfo' });
  });

  it('forwards events to listeners that subscribed before the core was ready, and not after they left', async () => {
    const core = controllable<CoreEnds>();
    const first = fakeCore('a', []);
    const ends = hostEnds(new CoreSwitch(core.promise));
    const seen: string[] = [];
    const gone: string[] = [];
    ends.events.subscribe((event) => seen.push(event));
    const leave = ends.events.subscribe((event) => gone.push(event));
    leave();
    core.resolve(first);
    await tick();
    first.bus.emit('deviceHealth', health);
    expect(seen).toEqual(['deviceHealth']);
    expect(gone).toEqual([]);
  });

  it('answers with an internal error when the core fails to start', async () => {
    const core = controllable<CoreEnds>();
    const ends = hostEnds(new CoreSwitch(core.promise));
    const reply = ends.dispatcher.dispatch('getInfo', {});
    core.reject(new Error('disk gone'));
    const value = await reply;
    expect(value.ok).toBe(false);
    if (!value.ok) expect(value.error.code).toBe('internal');
  });
});

describe('CoreSwitch: a new core replaces the running one (set-up, central configuration)', () => {
  it('lets the old core finish what it has, closes it before the new one starts, and sends later calls to the new one', async () => {
    const log: string[] = [];
    const hold = controllable<void>();
    const switcher = new CoreSwitch<CoreEnds>(Promise.resolve(fakeCore('old', log, hold.promise)));
    await switcher.core();
    const slow = switcher.dispatch('slow', {});
    await tick();
    const swapped = switcher.replace('central-config', async () => {
      log.push('new starts');
      return fakeCore('new', log);
    });
    const later = switcher.dispatch('getInfo', {});
    await tick();
    expect(log).toEqual([]); // the old core still has a request: nothing closes, nothing starts
    hold.resolve();
    await swapped;
    expect(await slow).toEqual({ ok: true, value: 'old:slow' });
    expect(await later).toEqual({ ok: true, value: 'new:getInfo' });
    expect(log).toEqual(['old answers slow', 'old closed', 'new starts', 'new answers getInfo']);
  });

  it('moves listeners to the new core, tells them it was reloaded, and hears the old one no more', async () => {
    const old = fakeCore('old', []);
    const next = fakeCore('new', []);
    const switcher = new CoreSwitch<CoreEnds>(Promise.resolve(old));
    const seen: string[] = [];
    switcher.subscribe((event, payload) => seen.push(`${event} ${JSON.stringify(payload)}`));
    await switcher.core();
    await switcher.replace('setup', async () => next);
    old.bus.emit('deviceHealth', health);
    next.bus.emit('deviceHealth', health);
    expect(seen).toEqual(['kioskReloaded {"reason":"setup"}', `deviceHealth ${JSON.stringify(health)}`]);
  });

  it('runs two replacements one after the other and closes every core exactly once', async () => {
    const log: string[] = [];
    const switcher = new CoreSwitch<CoreEnds>(Promise.resolve(fakeCore('a', log)));
    const one = switcher.replace('setup', async () => fakeCore('b', log));
    const two = switcher.replace('central-config', async () => fakeCore('c', log));
    await Promise.all([one, two]);
    await switcher.close();
    expect(log).toEqual(['a closed', 'b closed', 'c closed']);
  });

  it('rejects the replacement when the new core cannot start, and calls then answer internal', async () => {
    const switcher = new CoreSwitch<CoreEnds>(Promise.resolve(fakeCore('a', [])));
    await expect(switcher.replace('setup', () => Promise.reject(new Error('bad config')))).rejects.toThrow('bad config');
    const reply = await switcher.dispatch('getInfo', {});
    expect(reply.ok ? 'ok' : reply.error.code).toBe('internal');
  });
});
