import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stateMinutes } from '../../../src-main/report/state-minutes';

const FROM = Date.parse('2026-12-04T17:00:00.000Z');
const TO = Date.parse('2026-12-05T17:00:00.000Z');
const STATES = ['online', 'degraded', 'offline', 'stopped'] as const;

describe('stateMinutes', () => {
  it('shares the whole window out among the states, whatever the changes (before, inside, after it)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ at: fc.integer({ min: FROM - 86_400_000, max: TO + 86_400_000 }), state: fc.constantFrom(...STATES) }), { maxLength: 40 }),
        (raw) => {
          const changes = [...raw].sort((a, b) => a.at - b.at).map((c) => ({ at: new Date(c.at).toISOString(), state: c.state }));
          const minutes = stateMinutes(changes, FROM, TO);
          const total = [...minutes.values()].reduce((a, b) => a + b, 0);
          expect(Math.abs(total - 1440)).toBeLessThanOrEqual(0.05 * minutes.size + 1e-9);
          expect(minutes.has('stopped')).toBe(false);
          for (const value of minutes.values()) expect(value).toBeGreaterThan(0);
        },
      ),
    );
  });

  it('a state that began before the window counts from its start; one after its end not at all', () => {
    const minutes = stateMinutes(
      [
        { at: '2026-12-04T12:00:00.000Z', state: 'offline' },
        { at: '2026-12-04T17:30:00.000Z', state: 'online' },
        { at: '2026-12-05T18:00:00.000Z', state: 'degraded' },
      ],
      FROM,
      TO,
    );
    expect(Object.fromEntries(minutes)).toEqual({ offline: 30, online: 1410 });
  });
});
