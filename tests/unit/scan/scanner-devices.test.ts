import { execFile } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { join } from 'node:path';
import { promisify } from 'node:util';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { ScanEventSchema } from '../../../src-shared/scan';
import { systemClock } from '../../../src-main/kernel/clock';
import { createMemoryLogger } from '../../../src-main/kernel/logger';
import { classifyScan } from '../../../src-main/scan/classify-scan';
import { HidPosReassembler, hidPosReports, MAX_SCAN_BYTES } from '../../../src-main/devices/scanner/hid-pos-report';
import { HidPosScanner, type HidDeviceInfo, type HidHandle, type HidModule } from '../../../src-main/devices/scanner/hid-pos-scanner';
import { VIRTUAL_SCANNER_FILE, VirtualScanner } from '../../../src-main/devices/scanner/virtual-scanner';
import { useTempDirs } from '../../fakes/temp-dir';
import { TODAY } from './arbitraries';

const run = promisify(execFile);
const ROOT = join(import.meta.dirname, '..', '..', '..');
const card = '001099012345|123456789|Nguyễn Văn An|01021990|Nam|12 Lý Thường Kiệt, Hoàn Kiếm, Hà Nội|04102021';

async function until(check: () => boolean, what: string, ms = 3000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('HID-POS reports', () => {
  it('reassembles a CCCD QR spread over several reports, in UTF-8', () => {
    const reports = hidPosReports(card);
    expect(reports.length).toBeGreaterThan(1);
    const reassembler = new HidPosReassembler();
    const out = reports.map((r, i) => reassembler.push(r, i));
    expect(out.slice(0, -1).every((t) => t === null)).toBe(true);
    expect(out.at(-1)).toBe(card);
  });

  it('drops the start of a scan that was cut off, and caps an endless one', () => {
    const reassembler = new HidPosReassembler();
    const [first] = hidPosReports(card);
    reassembler.push(first!, 0);
    expect(reassembler.push(hidPosReports('ABC-230512-0001')[0]!, 5000)).toBe('ABC-230512-0001');
    const endless = hidPosReports('x'.repeat(56 * 2))[0]!;
    let text: string | null = null;
    for (let i = 0; text === null && i < 1000; i++) text = reassembler.push(endless, i);
    expect(text?.length).toBe(MAX_SCAN_BYTES);
    expect(classifyScan(text ?? '', TODAY)).toMatchObject({ kind: 'unknown', reason: 'too_long' });
  });

  it('property: any text round-trips through reports', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 400 }), (text) => {
        const reassembler = new HidPosReassembler();
        const out = hidPosReports(text).map((r) => reassembler.push(r, 0));
        expect(out.at(-1)).toBe(text);
      }),
    );
  });

  it('property: random report bytes never throw and give at worst an unknown scan', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 80 }), { maxLength: 20 }), (reports) => {
        const reassembler = new HidPosReassembler();
        for (const [i, report] of reports.entries()) {
          const text = reassembler.push(report, i);
          if (text !== null) expect(ScanEventSchema.safeParse(classifyScan(text, TODAY)).success).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
  });
});

/** A USB bus with one HID-POS scanner that can be unplugged and plugged back. */
class FakeBus implements HidModule {
  plugged = false;
  opened: (EventEmitter & HidHandle)[] = [];
  info: HidDeviceInfo[] = [
    { vendorId: 0x0c2e, productId: 0x0b07, path: '/dev/hidraw1', usagePage: 0x01 }, // its keyboard interface
    { vendorId: 0x0c2e, productId: 0x0b07, path: '/dev/hidraw2', usagePage: 0x8c },
  ];
  async devicesAsync() {
    return this.plugged ? [{ vendorId: 0x1234, productId: 1, path: '/dev/hidraw0' }, ...this.info] : [];
  }
  async open(path: string) {
    if (!this.plugged) throw new Error('no such device');
    const handle = Object.assign(new EventEmitter(), { path, closed: false, close: () => void (handle.closed = true) });
    this.opened.push(handle);
    return handle;
  }
  unplug() {
    this.plugged = false;
    this.opened.at(-1)?.emit('error', new Error('could not read from HID device'));
  }
}

describe('HidPosScanner', () => {
  const scanners: HidPosScanner[] = [];
  afterEach(async () => {
    for (const s of scanners.splice(0)) await s.stop();
  });

  it('is offline until plugged in, reads scans from the POS interface, and reconnects after an unplug', async () => {
    const bus = new FakeBus();
    const scanner = new HidPosScanner({ vendorId: 0x0c2e, productId: 0x0b07, reconnectMs: 20 }, bus, systemClock, createMemoryLogger());
    scanners.push(scanner);
    const scans: string[] = [];
    const states: string[] = [];
    scanner.onScan((t) => scans.push(t));
    scanner.onHealth((h) => states.push(h.state));
    await scanner.start();
    expect(scanner.health()).toMatchObject({ device: 'barcode-scanner', state: 'offline' });

    bus.plugged = true;
    await until(() => scanner.health().state === 'ok', 'connect');
    expect((bus.opened[0] as unknown as { path: string }).path).toBe('/dev/hidraw2');
    for (const r of hidPosReports(card)) bus.opened[0]!.emit('data', Buffer.from(r));
    expect(scans).toEqual([card]);

    bus.unplug();
    await until(() => scanner.health().state === 'offline', 'offline after unplug');
    expect(scanner.health().reason).toMatch(/disconnected/);
    bus.plugged = true;
    await until(() => scanner.health().state === 'ok', 'reconnect');
    expect(bus.opened).toHaveLength(2);
    bus.opened[1]!.emit('data', Buffer.from(hidPosReports('ABC-230512-0001')[0]!));
    expect(scans).toEqual([card, 'ABC-230512-0001']);
    expect(states).toEqual(['offline', 'ok', 'offline', 'ok']);
  });
});

describe('virtual scanner and npm run scan', () => {
  const tempDir = useTempDirs();
  const scanners: VirtualScanner[] = [];
  afterEach(async () => {
    for (const s of scanners.splice(0)) await s.stop();
  });

  it('takes a scan from scripts/scan.mjs over its loopback socket', async () => {
    const dataDir = tempDir();
    const scanner = new VirtualScanner(join(dataDir, VIRTUAL_SCANNER_FILE), systemClock);
    scanners.push(scanner);
    const scans: string[] = [];
    scanner.onScan((t) => scans.push(t));
    await scanner.start();
    expect(scanner.health().state).toBe('ok');
    const { stdout } = await run(process.execPath, [join(ROOT, 'scripts/scan.mjs'), '--data-dir', dataDir, card]);
    expect(stdout).toMatch(/scan sent/);
    expect(scans).toEqual([card]);
  });

  it('says clearly when no kiosk is running there, and refuses a wrong token', async () => {
    const dataDir = tempDir();
    await expect(run(process.execPath, [join(ROOT, 'scripts/scan.mjs'), '--data-dir', dataDir, 'x'])).rejects.toMatchObject({
      stderr: expect.stringMatching(/No virtual scanner found/),
    });
    const scanner = new VirtualScanner(join(dataDir, VIRTUAL_SCANNER_FILE), systemClock);
    scanners.push(scanner);
    const scans: string[] = [];
    scanner.onScan((t) => scans.push(t));
    await scanner.start();
    const { writeFileSync, readFileSync } = await import('node:fs');
    const file = join(dataDir, VIRTUAL_SCANNER_FILE);
    const target = JSON.parse(readFileSync(file, 'utf8')) as { port: number };
    writeFileSync(file, JSON.stringify({ port: target.port, token: 'guess' }));
    await expect(run(process.execPath, [join(ROOT, 'scripts/scan.mjs'), '--data-dir', dataDir, 'x'])).rejects.toMatchObject({
      stderr: expect.stringMatching(/wrong token/),
    });
    expect(scans).toEqual([]);
  });
});
