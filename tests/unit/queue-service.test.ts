import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createMemoryLogger } from '../../src-main/kernel/logger';
import { openDatabase } from '../../src-main/db/open-database';
import { countBlackDots } from '../../src-main/devices/printer/mono-bitmap';
import { VirtualPrinter } from '../../src-main/devices/virtual/virtual-printer';
import { QueueService } from '../../src-main/queue/queue-service';
import { demoConfig } from '../fakes/demo-config';
import { FixedClock } from '../fakes/fixed-clock';
import { useTempDirs } from '../fakes/temp-dir';

const tempDir = useTempDirs();

function setup(dir = tempDir(), clock = new FixedClock(new Date('2026-11-23T02:00:00Z')), override: unknown = {}) {
  const db = openDatabase(join(dir, 'kiosk.sqlite3'));
  const printer = new VirtualPrinter(576, join(dir, 'prints'), clock);
  const queue = new QueueService(db, demoConfig(override), printer, clock, createMemoryLogger());
  return { db, printer, queue, clock, dir };
}

describe('queue tickets', () => {
  it('numbers tickets per service per day with the prefix, zero-padded', async () => {
    const { queue } = setup();
    const a1 = await queue.takeTicket('dat-dai', 'none', 'vi');
    const a2 = await queue.takeTicket('dat-dai', 'elderly', 'vi');
    const b1 = await queue.takeTicket('ho-tich', 'none', 'en');
    expect([a1.display, a2.display, b1.display]).toEqual(['A001', 'A002', 'B001']);
    // A priority category is called first: the elderly citizen has nobody ahead, the next one both.
    expect(a2.waitingAhead).toBe(0);
    expect(b1.waitingAhead).toBe(0);
    const a3 = await queue.takeTicket('dat-dai', 'none', 'vi');
    expect(a3.wait).toEqual({ peopleAhead: 2, source: 'kiosk', asOf: null, asOfText: null, estimate: null });
    expect(a1.printed).toBe(true);
    expect(a1.qrText).toContain('t=A001');
  });

  it('starts each day at the configured number', async () => {
    const services = demoConfig().queue.services.map((s) => (s.id === 'xay-dung' ? { ...s, start: 100 } : s));
    const { queue } = setup(undefined, undefined, { queue: { services } });
    expect((await queue.takeTicket('xay-dung', 'none', 'vi')).display).toBe('G100');
  });

  it('keeps counting after a restart and resets at local midnight in Asia/Ho_Chi_Minh', async () => {
    const dir = tempDir();
    const clock = new FixedClock(new Date('2026-11-23T16:59:00Z')); // 23:59 in Hà Nội
    const first = setup(dir, clock);
    await first.queue.takeTicket('dat-dai', 'none', 'vi');
    first.db.close();

    const second = setup(dir, clock);
    expect((await second.queue.takeTicket('dat-dai', 'none', 'vi')).display).toBe('A002');
    clock.set('2026-11-23T17:00:00Z'); // 00:00 on 24/11 local
    expect((await second.queue.takeTicket('dat-dai', 'none', 'vi')).display).toBe('A001');
    const days = second.db.prepare(`SELECT day, display FROM tickets ORDER BY issued_at`).all();
    expect(days).toEqual([
      { day: '2026-11-23', display: 'A001' },
      { day: '2026-11-23', display: 'A002' },
      { day: '2026-11-24', display: 'A001' },
    ]);
  });

  it('prints a non-blank ticket that the virtual printer decodes and keeps as PNG', async () => {
    const { queue, printer } = setup();
    await queue.takeTicket('ho-tich', 'pregnant', 'vi');
    const record = printer.lastPrint()!;
    expect(record.job.cuts).toBe(1);
    const page = record.job.pages[0]!;
    expect(page.width).toBe(576);
    expect(page.height).toBeGreaterThan(500);
    const ink = countBlackDots(page) / (page.width * page.height);
    expect(ink).toBeGreaterThan(0.03);
    expect(ink).toBeLessThan(0.6);
    expect(existsSync(record.pngFiles[0]!)).toBe(true);
  });

  it('keeps the ticket valid and recorded when the printer is out of paper, and reprints it later', async () => {
    const { queue, printer, db } = setup();
    printer.setState('paper-out');
    const ticket = await queue.takeTicket('dat-dai', 'none', 'vi');
    expect(ticket.printed).toBe(false);
    expect(ticket.printError).toMatch(/paper/i);
    expect(db.prepare(`SELECT display, print_state FROM tickets WHERE id = ?`).get(ticket.id)).toEqual({
      display: 'A001',
      print_state: 'failed',
    });
    printer.setState('ok');
    const again = await queue.print(ticket.id, 'vi');
    expect(again.display).toBe('A001');
    expect(again.printed).toBe(true);
    expect((await queue.takeTicket('dat-dai', 'none', 'vi')).display).toBe('A002');
  });

  it('refuses an unknown service without issuing a number', async () => {
    const { queue, db } = setup();
    await expect(queue.takeTicket('nope', 'none', 'vi')).rejects.toMatchObject({ code: 'not_found' });
    expect(db.prepare(`SELECT count(*) AS n FROM tickets`).get()).toEqual({ n: 0 });
  });
});
