import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { inTerminalRange } from '../../src-portal/handlers/queue';
import { usePortals, uuid } from './harness';

/** Decision 0042, portal side: tickets a terminal numbered offline, from a block or from its own range. */
const startPortal = usePortals();
const T0 = new Date('2026-12-06T01:00:00.000Z');
const DAY = '2026-12-06';

describe('tickets numbered offline, registered when the link returns', () => {
  it('accepts a number in the terminal’s own range once, as `terminal`, and refuses another terminal’s range or a number taken', async () => {
    const p = await startPortal({ clock: () => T0 });
    const a = await p.enroll('KIOSK-A'); // index 1
    const b = await p.enroll('KIOSK-B'); // index 2
    const register = (token: string, number: number, numberSource?: 'block' | 'terminal', ticketId = uuid()) =>
      p.call('POST', '/v1/queue-tickets', {
        token,
        key: ticketId,
        body: { ticketId, serviceId: 'ho-tich', day: DAY, priority: 'none', issuedAt: T0.toISOString(), number, ...(numberSource ? { numberSource } : {}) },
      });
    const first = await register(a, 1001, 'terminal');
    expect(first.status, first.text).toBe(201);
    expect(first.json).toMatchObject({ number: 1001, source: 'terminal' });
    // B's range is 2001…; 1002 is A's.
    expect((await register(b, 1002, 'terminal')).status).toBe(409);
    expect((await register(b, 2001, 'terminal')).status).toBe(201);
    // Taken already, by any ticket.
    expect((await register(a, 1001, 'terminal')).status).toBe(409);
    // Without numberSource a number is a block's, and A reserved none.
    expect((await register(a, 1003)).status).toBe(409);
    const held = p.portal.deps.db.prepare(`SELECT number, source, terminal_id FROM queue_tickets ORDER BY number`).all();
    expect(held).toEqual([
      { number: 1001, source: 'terminal', terminal_id: 'KIOSK-A' },
      { number: 2001, source: 'terminal', terminal_id: 'KIOSK-B' },
    ]);
  });

  it('a terminal range holds only that terminal’s numbers, with n ≥ 1, for 2 to 5 digits', () => {
    expect(inTerminalRange(1, 101)).toBe(true);
    expect(inTerminalRange(1, 100)).toBe(false);
    expect(inTerminalRange(3, 300_001)).toBe(true);
    expect(inTerminalRange(2, 999)).toBe(false);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 9 }), fc.integer({ min: 1, max: 9 }), fc.integer({ min: 2, max: 5 }), fc.integer({ min: 1, max: 99 }), (mine, other, digits, n) => {
        const number = mine * 10 ** digits + n;
        expect(inTerminalRange(mine, number)).toBe(true);
        if (other !== mine) expect(inTerminalRange(other, number)).toBe(false);
      }),
    );
  });
});
