import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createKioskClient } from '../../../src-shared/client';
import {
  WebSocketTransport,
  takeSecret,
  webSocketUrl,
  type SocketLike,
} from '../../../src-renderer/api/web-bridge';

/** A WebSocket stand-in the test drives by hand. */
class FakeSocket implements SocketLike {
  readyState = 0;
  readonly sent: unknown[] = [];
  onopen: ((event: Event) => void) | null = null;
  onmessage: ((event: MessageEvent) => void) | null = null;
  onclose: ((event: CloseEvent) => void) | null = null;
  onerror: ((event: Event) => void) | null = null;
  constructor(readonly url: string) {}
  send(data: string): void {
    this.sent.push(JSON.parse(data));
  }
  close(): void {
    this.serverClose();
  }
  serverOpen(): void {
    this.readyState = 1;
    this.onopen?.(new Event('open'));
  }
  serverSend(message: unknown): void {
    this.onmessage?.({ data: JSON.stringify(message) } as MessageEvent);
  }
  serverClose(): void {
    this.readyState = 3;
    this.onclose?.({} as CloseEvent);
  }
}

const timing = { callTimeoutMs: 10_000, reconnectMinMs: 100, reconnectMaxMs: 1_000 };

function setup() {
  const sockets: FakeSocket[] = [];
  const transport = new WebSocketTransport('ws://127.0.0.1:1/kiosk?k=s', (url) => {
    const socket = new FakeSocket(url);
    sockets.push(socket);
    return socket;
  }, timing);
  const last = (): FakeSocket => {
    const socket = sockets.at(-1);
    if (!socket) throw new Error('no socket opened');
    return socket;
  };
  return { transport, sockets, last };
}

describe('web bridge transport', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('queues calls made while connecting and sends them once open', async () => {
    const { transport, last } = setup();
    const reply = transport.invoke('getInfo', {});
    expect(last().sent).toEqual([]);
    last().serverOpen();
    expect(last().sent).toEqual([{ id: 1, method: 'getInfo', request: {} }]);
    last().serverSend({ id: 1, reply: { ok: true, value: 'info' } });
    await expect(reply).resolves.toEqual({ ok: true, value: 'info' });
  });

  it('routes replies by id, whatever their order', async () => {
    const { transport, last } = setup();
    last().serverOpen();
    const a = transport.invoke('getInfo', {});
    const b = transport.invoke('listQueueServices', {});
    last().serverSend({ id: 2, reply: { ok: true, value: 'b' } });
    last().serverSend({ id: 1, reply: { ok: true, value: 'a' } });
    await expect(a).resolves.toEqual({ ok: true, value: 'a' });
    await expect(b).resolves.toEqual({ ok: true, value: 'b' });
  });

  it('delivers events to subscribers until they unsubscribe', () => {
    const { transport, last } = setup();
    last().serverOpen();
    const seen: unknown[] = [];
    const off = transport.subscribe((event, payload) => seen.push([event, payload]));
    last().serverSend({ event: 'deviceHealth', payload: { state: 'ok' } });
    off();
    last().serverSend({ event: 'deviceHealth', payload: { state: 'offline' } });
    expect(seen).toEqual([['deviceHealth', { state: 'ok' }]]);
  });

  it('rejects calls already sent when the socket closes, never resending them', async () => {
    const { transport, sockets, last } = setup();
    last().serverOpen();
    const call = transport.invoke('takeTicket', { serviceId: 'x', priority: 'none', language: 'vi' });
    last().serverClose();
    await expect(call).rejects.toThrow(/closed/);
    await vi.advanceTimersByTimeAsync(timing.reconnectMaxMs);
    expect(sockets).toHaveLength(2);
    last().serverOpen();
    expect(last().sent).toEqual([]);
  });

  it('turns a closed socket into an internal error reply through the client', async () => {
    const { transport, last } = setup();
    const client = createKioskClient(transport);
    last().serverOpen();
    const reply = client.getInfo({});
    last().serverClose();
    await expect(reply).resolves.toMatchObject({ ok: false, error: { code: 'internal' } });
  });

  it('reconnects with a growing delay that stays under the cap', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0.999);
    const { sockets, last } = setup();
    const delays: number[] = [];
    for (let attempt = 0; attempt < 6; attempt += 1) {
      const before = sockets.length;
      last().serverClose();
      let waited = 0;
      while (sockets.length === before) {
        await vi.advanceTimersByTimeAsync(10);
        waited += 10;
      }
      delays.push(waited);
    }
    expect(delays[1]).toBeGreaterThan(delays[0] ?? 0);
    expect(Math.max(...delays)).toBeLessThanOrEqual(timing.reconnectMaxMs);
    // After a successful open the next reconnect starts from the minimum again.
    last().serverOpen();
    const before = sockets.length;
    last().serverClose();
    await vi.advanceTimersByTimeAsync(timing.reconnectMinMs);
    expect(sockets.length).toBe(before + 1);
    vi.restoreAllMocks();
  });

  it('keeps queued calls across a failed connection attempt, then times them out', async () => {
    const { transport, sockets, last } = setup();
    const call = transport.invoke('getInfo', {});
    last().serverClose();
    await vi.advanceTimersByTimeAsync(timing.reconnectMinMs);
    expect(sockets).toHaveLength(2);
    last().serverOpen();
    expect(last().sent).toEqual([{ id: 1, method: 'getInfo', request: {} }]);
    const timedOut = expect(call).rejects.toThrow(/in time/);
    await vi.advanceTimersByTimeAsync(timing.callTimeoutMs);
    await timedOut;
  });

  it('ignores frames that are not JSON or answer nothing pending', async () => {
    const { transport, last } = setup();
    last().serverOpen();
    const call = transport.invoke('getInfo', {});
    last().onmessage?.({ data: 'not json' } as MessageEvent);
    last().serverSend({ id: 99, reply: { ok: true, value: 1 } });
    last().serverSend({ id: 1, reply: { ok: true, value: 2 } });
    await expect(call).resolves.toEqual({ ok: true, value: 2 });
  });
});

describe('access secret', () => {
  const memoryStorage = (): Storage => {
    const data = new Map<string, string>();
    return {
      get length() {
        return data.size;
      },
      clear: () => data.clear(),
      getItem: (key) => data.get(key) ?? null,
      key: (index) => [...data.keys()][index] ?? null,
      removeItem: (key) => void data.delete(key),
      setItem: (key, value) => void data.set(key, value),
    };
  };
  const at = (url: string) => {
    const parsed = new URL(url);
    return {
      hash: parsed.hash,
      host: parsed.host,
      pathname: parsed.pathname,
      search: parsed.search,
      protocol: parsed.protocol,
    } as Location;
  };

  it('takes the secret from #k=, keeps it for reloads and removes it from the address bar', () => {
    const storage = memoryStorage();
    const replaced: string[] = [];
    const history = { state: null, replaceState: (_s: unknown, _t: string, url: string) => replaced.push(url) } as unknown as History;
    expect(takeSecret(at('http://127.0.0.1:5000/#k=abc123'), storage, history)).toBe('abc123');
    expect(replaced).toEqual(['/']);
    expect(takeSecret(at('http://127.0.0.1:5000/'), storage, history)).toBe('abc123');
  });

  it('has no secret when none was ever given', () => {
    expect(takeSecret(at('http://127.0.0.1:5000/'), memoryStorage(), null)).toBeNull();
  });

  it('builds the socket URL on the page host', () => {
    expect(webSocketUrl(at('http://127.0.0.1:5000/'), 'a b')).toBe('ws://127.0.0.1:5000/kiosk?k=a%20b');
  });
});
