import type { WebContentsPrintOptions } from 'electron';
import { loadImage, createCanvas } from '@napi-rs/canvas';
import { describe, expect, it } from 'vitest';
import { systemClock } from '../../../src-main/kernel/clock';
import { decodeEscPos } from '../../../src-main/devices/printer/escpos-decoder';
import { PrinterError } from '../../../src-main/devices/printer/printer-port';
import { encodeRasterJob } from '../../../src-main/devices/printer/raster-job';
import { renderTicket } from '../../../src-main/devices/printer/ticket-layout';
import { SpoolerPrinter, type PrintSurface, type SystemPrinterInfo } from '../../../src-main/electron/spooler-printer';

const ticketJob = () =>
  encodeRasterJob(
    renderTicket(
      { centerName: 'Trung tâm', header: '', serviceName: 'Đất đai', number: 'A001', priorityLabel: null, issuedAtText: '08:00 23/11/2026', waitingAheadText: 'Bạn là người tiếp theo', qrText: 'https://x.vn/?t=A001', qrCaption: '', footer: '' },
      576,
    ),
  );

/** Stands where Electron's hidden print window would: keeps what it was asked to print. */
class RecordingSurface implements PrintSurface {
  readonly jobs: { html: string; options: WebContentsPrintOptions }[] = [];
  constructor(
    private readonly printers: SystemPrinterInfo[] = [],
    private readonly outcome = { success: true, failureReason: '' },
  ) {}
  async print(html: string, options: WebContentsPrintOptions) {
    this.jobs.push({ html, options });
    return this.outcome;
  }
  async listPrinters() {
    return this.printers;
  }
}

describe('SpoolerPrinter', () => {
  it('prints a ticket as one roll page of its own length, the same dots as the ESC/POS raster', async () => {
    const surface = new RecordingSurface();
    const printer = new SpoolerPrinter({ paper: { kind: 'roll', widthMm: 80 }, deviceName: 'TM_T82', paperWidthDots: 576 }, surface, systemClock);
    const job = ticketJob();
    await printer.send(job);
    expect(surface.jobs).toHaveLength(1);
    const [printed] = surface.jobs;
    const raster = decodeEscPos(job, 576).pages[0];
    if (!printed || !raster) throw new Error('nothing printed');
    expect(printed.options).toMatchObject({ silent: true, deviceName: 'TM_T82', margins: { marginType: 'none' } });
    expect(printed.options.pageSize).toEqual({ width: 80_000, height: Math.ceil(raster.height / 8) * 1000 });
    expect(printed.html).toContain('width:72mm');
    expect(printed.html).not.toMatch(/<script|https?:/);

    const src = /src="(data:image\/png;base64,[^"]+)"/.exec(printed.html)?.[1];
    const image = await loadImage(src ?? '');
    expect([image.width, image.height]).toEqual([raster.width, raster.height]);
    const ctx = createCanvas(image.width, image.height).getContext('2d');
    ctx.drawImage(image, 0, 0);
    const rgba = ctx.getImageData(0, 0, image.width, image.height).data;
    let differing = 0;
    for (let y = 0; y < raster.height; y++) {
      for (let x = 0; x < raster.width; x++) {
        const black = ((raster.data[y * raster.bytesPerRow + (x >> 3)] ?? 0) & (0x80 >> (x & 7))) !== 0;
        if (black !== (rgba[(y * image.width + x) * 4] ?? 255) < 128) differing++;
      }
    }
    expect(differing).toBe(0);
    expect(printer.health().state).toBe('ok');
  });

  it('reports a print the spooler refused and goes offline with its reason', async () => {
    const surface = new RecordingSurface([], { success: false, failureReason: 'Printer is offline' });
    const printer = new SpoolerPrinter({ paper: { kind: 'sheet', size: 'A5' }, deviceName: 'HP', paperWidthDots: 576 }, surface, systemClock);
    await expect(printer.send(ticketJob())).rejects.toThrow(PrinterError);
    expect(surface.jobs[0]?.options.pageSize).toBe('A5');
    expect(printer.health()).toMatchObject({ state: 'offline', reason: 'printer_not_responding', detail: expect.stringContaining('Printer is offline') });
  });

  it('is healthy only while the named system printer is installed', async () => {
    const named = new SpoolerPrinter({ paper: { kind: 'roll', widthMm: 80 }, deviceName: 'TM_T82', paperWidthDots: 576 }, new RecordingSurface([{ name: 'Other', displayName: 'Other' }]), systemClock);
    expect((await named.refreshHealth()).state).toBe('offline');
    const present = new SpoolerPrinter({ paper: { kind: 'roll', widthMm: 80 }, deviceName: 'TM_T82', paperWidthDots: 576 }, new RecordingSurface([{ name: 'TM_T82', displayName: 'Epson' }]), systemClock);
    expect((await present.refreshHealth()).state).toBe('ok');
  });
});
