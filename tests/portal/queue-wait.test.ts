import { describe, expect, it } from 'vitest';
import { waitRange, type QueuePace } from '../../src-shared/queue-wait';
import { usePortals, uuid } from './harness';

/*
 * Honest waiting on the reference portal, over HTTP with every answer checked against the spec:
 * people ahead across terminals with priority categories first, the pace from counter calls, no
 * estimate when the data is thin or stale, and the ticket's public page.
 */

const startPortal = usePortals();
const DAY = '2026-12-06';
const T0 = Date.parse('2026-12-06T01:00:00.000Z'); // 08:00 at the center
const minutes = (n: number) => n * 60_000;

interface Position {
  state: string;
  peopleAhead: number;
  pace: QueuePace | null;
  estimate: { minMinutes: number; maxMinutes: number } | null;
}

async function setUp() {
  let now = T0;
  const p = await startPortal({ clock: () => new Date(now) });
  const terminals = { a: await p.enroll('KIOSK-A'), b: await p.enroll('KIOSK-B') };
  const issue = async (terminal: keyof typeof terminals, priority: string, issuedAt: number, serviceId = 'ho-tich') => {
    const ticketId = uuid();
    const r = await p.call('POST', '/v1/queue-tickets', {
      token: terminals[terminal],
      key: ticketId,
      body: { ticketId, serviceId, day: DAY, priority, issuedAt: new Date(issuedAt).toISOString() },
    });
    expect(r.status).toBe(201);
    return { ticketId, terminal };
  };
  const position = async (t: { ticketId: string; terminal: keyof typeof terminals }) => {
    const r = await p.call('GET', `/v1/queue-tickets/${t.ticketId}/position`, { token: terminals[t.terminal] });
    expect(r.status).toBe(200);
    return r.json as Position;
  };
  const callNext = async (serviceId = 'ho-tich') => ((await p.admin('POST', '/admin/queue/call-next', { serviceId, day: DAY })).json as { called: string | null }).called;
  return { p, terminals, issue, position, callNext, advance: (ms: number) => (now += ms) };
}

describe('the center queue as the portal knows it', () => {
  it('counts every terminal\'s waiting tickets ahead, priority categories first, and follows calls and service', async () => {
    const { p, terminals, issue, position, callNext } = await setUp();
    const first = await issue('a', 'none', T0 - minutes(10));
    const second = await issue('b', 'none', T0 - minutes(9));
    const elderly = await issue('a', 'elderly', T0 - minutes(8));
    const last = await issue('b', 'none', T0 - minutes(7));
    const other = await issue('b', 'none', T0 - minutes(20), 'dat-dai');

    expect((await position(last)).peopleAhead).toBe(3);
    expect((await position(second)).peopleAhead).toBe(2); // the first, and the elderly citizen who came later
    expect((await position(elderly)).peopleAhead).toBe(0);
    expect((await position(other)).peopleAhead).toBe(0); // another service's queue
    const status = await p.call('GET', `/v1/queue-status?day=${DAY}`, { token: terminals.a });
    expect(status.json).toMatchObject({
      day: DAY,
      services: [
        { serviceId: 'dat-dai', waitingPriority: 0, waitingOthers: 1, lastCalledAt: null, pace: null },
        { serviceId: 'ho-tich', waitingPriority: 1, waitingOthers: 3, lastCalledAt: null, pace: null },
      ],
    });

    // The counter calls the elderly citizen first.
    expect(await callNext()).toBe(elderly.ticketId);
    expect(await position(elderly)).toMatchObject({ state: 'called', peopleAhead: 0, estimate: null });
    expect((await position(last)).peopleAhead).toBe(2);
    expect((await p.admin('POST', `/admin/queue/${elderly.ticketId}/serve`)).status).toBe(200);
    expect((await position(elderly)).state).toBe('served');
    expect((await p.admin('POST', `/admin/queue/${elderly.ticketId}/serve`)).status).toBe(409);
    expect((await p.admin('POST', `/admin/queue/${uuid()}/call`)).status).toBe(404);
    expect(await callNext()).toBe(first.ticketId);
    expect((await position(last)).peopleAhead).toBe(1);

    // A terminal sees only its own tickets' positions.
    expect((await p.call('GET', `/v1/queue-tickets/${last.ticketId}/position`, { token: terminals.a })).status).toBe(404);
  });

  it('estimates the wait from the busy gaps between calls, and gives none while the data is thin or stale', async () => {
    const { issue, position, callNext, advance } = await setUp();
    const waiting = [];
    for (let i = 0; i < 12; i++) waiting.push(await issue(i % 2 === 0 ? 'a' : 'b', 'none', T0 - minutes(30 - i)));
    const mine = waiting[waiting.length - 1] as { ticketId: string; terminal: 'a' | 'b' };
    // Counters call every 3 to 6 minutes: gaps 3, 4, 5, 6, 3, 4, ...
    const gaps = [3, 4, 5, 6, 3, 4, 5];
    await callNext();
    for (const [i, gap] of gaps.entries()) {
      const before = await position(mine);
      // Thin: fewer than five gaps measured, no estimate.
      if (i < 5) expect(before.estimate).toBeNull();
      advance(minutes(gap));
      await callNext();
    }
    const now = await position(mine);
    expect(now.peopleAhead).toBe(12 - 1 - (gaps.length + 1));
    // Gaps 3, 3, 4, 4, 5, 5, 6 minutes: quartiles 3.5 and 5 minutes.
    expect(now.pace).toEqual({ lowSeconds: 210, highSeconds: 300, samples: 7 });
    // 3 ahead: 3 × 3.5 min = 10.5 → 10; 4 × 5 min = 20.
    expect(now.estimate).toEqual({ minMinutes: 10, maxMinutes: 20 });
    expect(now.estimate).toEqual(waitRange(now.peopleAhead, now.pace));

    // An hour without a call: the counter may have closed; the old pace says nothing.
    advance(minutes(61));
    expect(await position(mine)).toMatchObject({ pace: null, estimate: null, peopleAhead: 3 });
  });

  it('shows the ticket\'s live place on a public page that refreshes itself, and nothing for an unknown ticket', async () => {
    const { p, issue, callNext } = await setUp();
    const first = await issue('a', 'none', T0 - minutes(5));
    const mine = await issue('b', 'none', T0 - minutes(4));
    const page = await fetch(`${p.url}/q/${mine.ticketId}`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    const html = await page.text();
    expect(html).toMatch(/<meta http-equiv="refresh" content="\d+">/);
    expect(html).toContain('data-ahead="1"');
    expect(html).toContain('data-estimate="none"');
    expect(html).not.toContain('KIOSK-');
    expect(await callNext()).toBe(first.ticketId);
    expect(await callNext()).toBe(mine.ticketId);
    expect(await (await fetch(`${p.url}/q/${mine.ticketId}`)).text()).toContain('data-state="called"');
    expect((await fetch(`${p.url}/q/${uuid()}`)).status).toBe(404);
    expect((await fetch(`${p.url}/q/..%2Fadmin`)).status).toBe(404);
  });
});
