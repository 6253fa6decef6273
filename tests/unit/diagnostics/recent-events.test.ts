import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RECENT_EVENTS_KEPT, RecentEvents, teeLogger } from '../../../src-main/diagnostics/recent-events';
import { createMemoryLogger } from '../../../src-main/kernel/logger';
import { FixedClock } from '../../fakes/fixed-clock';

describe('RecentEvents: the last log events for the diagnostics screen', () => {
  it('keeps the last 50, latest first, each with its time, level and fields', () => {
    const clock = new FixedClock(new Date('2026-12-06T01:00:00Z'));
    const recent = new RecentEvents(clock);
    for (let i = 0; i < 70; i++) {
      recent.record(i % 2 ? 'warn' : 'info', `event ${i}`, { n: i });
      clock.advance(1000);
    }
    const list = recent.list();
    expect(list).toHaveLength(RECENT_EVENTS_KEPT);
    expect(list[0]).toEqual({ at: '2026-12-06T01:01:09.000Z', level: 'warn', event: 'event 69', fields: { n: 69 } });
    expect(list.at(-1)?.event).toBe('event 20');
  });

  it('receives exactly what the wrapped logger receives, which still gets every line', () => {
    const inner = createMemoryLogger();
    const recent = new RecentEvents(new FixedClock(new Date('2026-12-06T01:00:00Z')));
    const logger = teeLogger(inner, recent);
    logger.log('error', 'portal exchange failed', { what: 'heartbeat', error: new Error('ECONNREFUSED'), nested: { a: 1 }, gone: undefined });
    expect(inner.lines).toMatchObject([{ level: 'error', message: 'portal exchange failed' }]);
    expect(recent.list()[0]?.fields).toEqual({ what: 'heartbeat', error: 'ECONNREFUSED', nested: '{"a":1}', gone: null });
  });

  it('masks ID-like digits and cuts long values, as the screen shows one line per event', () => {
    const recent = new RecentEvents(new FixedClock(new Date('2026-12-06T01:00:00Z')));
    recent.record('warn', 'lookup 001190012345 failed', { text: 'call 0912 345 678', long: 'x'.repeat(1000) });
    const [event] = recent.list();
    expect(event?.event).toBe('lookup #redacted# failed');
    expect(event?.fields['text']).toBe('call #redacted#');
    expect(String(event?.fields['long']).length).toBe(200);
  });

  it('never carries a 12-digit ID number whatever the fields hold (property)', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{12}$/), fc.string(), fc.string(), (id, before, after) => {
        const recent = new RecentEvents(new FixedClock(new Date('2026-12-06T01:00:00Z')));
        recent.record('info', `${before} ${id} ${after}`, { value: ` ${id} `, obj: { id: ` ${id} ` } });
        expect(JSON.stringify(recent.list())).not.toContain(id);
      }),
    );
  });
});
