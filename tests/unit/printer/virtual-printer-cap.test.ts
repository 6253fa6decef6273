import { readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { encodeRasterJob } from '../../../src-main/devices/printer/raster-job';
import { renderTicket } from '../../../src-main/devices/printer/ticket-layout';
import { VirtualPrinter } from '../../../src-main/devices/virtual/virtual-printer';
import { FixedClock } from '../../fakes/fixed-clock';
import { useTempDirs } from '../../fakes/temp-dir';

const tempDir = useTempDirs();

const ticketJob = (number: string) =>
  encodeRasterJob(
    renderTicket(
      { centerName: 'Trung tâm', header: '', serviceName: 'Đất đai', number, priorityLabel: null, issuedAtText: '08:00 23/11/2026', waitingAheadText: 'Bạn là người tiếp theo', qrText: `https://x.vn/?t=${number}`, qrCaption: '', footer: '' },
      576,
    ),
  );

const pngs = (dir: string) => readdirSync(dir).filter((n) => n.endsWith('.png')).sort();

describe('virtual printer images in prints/', () => {
  it('keeps at most keepImages files, removing the oldest, each owner-only', async () => {
    const dir = join(tempDir(), 'prints');
    const clock = new FixedClock(new Date('2026-12-06T02:00:00Z'));
    const printer = new VirtualPrinter(576, dir, clock, 20, 5);
    const written: string[] = [];
    for (let i = 0; i < 12; i++) {
      await printer.send(ticketJob(`A${String(i).padStart(3, '0')}`));
      written.push(...printer.lastPrint()!.pngFiles);
      // Every other job in the same millisecond: names must still differ and keep their order.
      if (i % 2 === 1) clock.advance(1000);
    }
    expect(new Set(written).size).toBe(written.length);
    const kept = pngs(dir);
    expect(kept).toHaveLength(5);
    expect(kept.map((n) => join(dir, n))).toEqual(written.slice(-5));
    for (const name of kept) expect(statSync(join(dir, name)).mode & 0o777).toBe(0o600);
  });

  it('also removes images left by an earlier run, and leaves other files alone', async () => {
    const dir = join(tempDir(), 'prints');
    const old = new VirtualPrinter(576, dir, new FixedClock(new Date('2026-12-01T02:00:00Z')), 20, 1000);
    for (let i = 0; i < 4; i++) await old.send(ticketJob(`B00${i}`));
    writeFileSync(join(dir, 'notes.txt'), 'not an image');
    const printer = new VirtualPrinter(576, dir, new FixedClock(new Date('2026-12-06T02:00:00Z')), 20, 2);
    await printer.send(ticketJob('C001'));
    const kept = pngs(dir);
    expect(kept).toHaveLength(2);
    expect(kept.at(-1)).toMatch(/^2026-12-06/);
    expect(kept[0]).toMatch(/^2026-12-01/);
    expect(readdirSync(dir)).toContain('notes.txt');
  });
});
