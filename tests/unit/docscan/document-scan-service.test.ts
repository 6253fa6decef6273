import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { systemClock } from '../../../src-main/kernel/clock';
import { createMemoryLogger } from '../../../src-main/kernel/logger';
import { DocumentScannerConfigSchema, type DocumentScannerConfig } from '../../../src-main/devices/docscan/docscan-config';
import { DocumentScanService, type ScannedPage } from '../../../src-main/devices/docscan/document-scan-service';
import { DocumentScanError } from '../../../src-main/devices/docscan/scan-errors';
import { VirtualDocumentScanner } from '../../../src-main/devices/docscan/virtual-document-scanner';
import { SANE_FIXTURES, saneScanner } from './sane-harness';

const config = (patch: Partial<DocumentScannerConfig> = {}): DocumentScannerConfig => ({
  ...DocumentScannerConfigSchema.parse({ driver: 'sane' }),
  ...patch,
});
const A4 = { width: 595.28, height: 841.89 };
const out = mkdtempSync(join(tmpdir(), 'kiosk-docscan-'));

/** Renders one PDF page with poppler and returns its grey samples and size. */
function renderPage(pdf: Uint8Array, page: number, name: string): { width: number; height: number; grey: Uint8Array } {
  const file = join(out, `${name}.pdf`);
  writeFileSync(file, pdf);
  const run = spawnSync('pdftoppm', ['-f', String(page), '-l', String(page), '-r', '40', '-gray', '-singlefile', file, join(out, name)]);
  expect(run.status, run.stderr.toString()).toBe(0);
  spawnSync('pdftoppm', ['-f', String(page), '-l', String(page), '-r', '40', '-png', '-singlefile', file, join(out, name)]);
  const pgm = readFileSync(join(out, `${name}.pgm`));
  const match = /^P5\s+(\d+)\s+(\d+)\s+255\s/.exec(pgm.subarray(0, 40).toString('latin1'));
  if (!match) throw new Error('pdftoppm wrote no PGM');
  return { width: Number(match[1]), height: Number(match[2]), grey: pgm.subarray(match[0].length) };
}

const spread = (grey: Uint8Array): number => {
  let min = 255;
  let max = 0;
  for (const v of grey) {
    min = Math.min(min, v);
    max = Math.max(max, v);
  }
  return max - min;
};

// scanimage (an outside program) has once hung for 20 s in a loaded CI run without any sign of a
// fault of ours (it never did in hundreds of runs here): a retry keeps such a stall from failing
// the build, while a real regression still fails every try.
describe('DocumentScanService', { retry: 2 }, () => {
  it('turns a grey A4 page from the glass into a one-page A4 PDF with a thumbnail', async () => {
    const { scanner } = saneScanner();
    const service = new DocumentScanService(scanner, config({ resolution: 200 }), systemClock, createMemoryLogger());
    const seen: ScannedPage[] = [];
    const doc = await service.scanDocument({ title: 'Tờ khai' }, undefined, (page) => seen.push(page));
    expect(seen).toHaveLength(1);
    expect(doc.pages).toEqual(seen);
    expect(doc.stoppedBy).toBeNull();

    const pdf = await PDFDocument.load(doc.pdf);
    expect(pdf.getPageCount()).toBe(1);
    expect(pdf.getTitle()).toBe('Tờ khai');
    const size = pdf.getPage(0).getSize();
    expect(size.width).toBeCloseTo(A4.width, -0.5); // within a pixel at 200 dpi
    expect(size.height).toBeCloseTo(A4.height, -0.5);

    const rendered = renderPage(doc.pdf, 1, 'flatbed-grey');
    expect(rendered.width).toBeGreaterThan(320);
    expect(spread(rendered.grey)).toBeGreaterThan(100); // not a blank page
    const thumb = doc.pages[0]?.thumbnailPng ?? new Uint8Array();
    expect([...thumb.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(thumb.length).toBeLessThan(30_000);
    writeFileSync(join(out, 'flatbed-grey-thumb.png'), thumb);
    expect(doc.pdf.length).toBeLessThan(600_000);
  });

  it('puts every feeder page into one PDF, in colour', async () => {
    const { scanner } = saneScanner();
    const service = new DocumentScanService(scanner, config({ resolution: 75, mode: 'color', source: 'adf' }), systemClock, createMemoryLogger());
    const doc = await service.scanDocument({ title: 'Giấy tờ' }, undefined, () => {});
    const pdf = await PDFDocument.load(doc.pdf);
    expect(pdf.getPageCount()).toBe(10);
    for (const page of pdf.getPages()) expect(page.getSize().height).toBeCloseTo(A4.height, -1);
    const rendered = renderPage(doc.pdf, 10, 'adf-colour');
    expect(spread(rendered.grey)).toBeGreaterThan(100);
  });

  it('keeps the dossier within its page limit and says so', async () => {
    const { scanner } = saneScanner();
    const service = new DocumentScanService(scanner, config({ resolution: 50, source: 'adf', limits: { maxPagesPerDossier: 6, maxBytesPerDossier: 10_000_000 } }), systemClock, createMemoryLogger());
    const doc = await service.scanDocument({ title: 'x', already: { pages: 2, bytes: 0 } }, undefined, () => {});
    expect(doc.pages).toHaveLength(4);
    expect(doc.stoppedBy).toBe('page-limit');
    expect(doc.notice?.vi).toMatch(/số trang tối đa/);
    const full = await service.scanDocument({ title: 'x', already: { pages: 6, bytes: 0 } }, undefined, () => {}).catch((e: unknown) => e);
    expect(full).toBeInstanceOf(DocumentScanError);
    expect((full as DocumentScanError).failure).toBe('page-limit');
  });

  it('keeps the dossier within its byte limit: a page that does not fit is not kept', async () => {
    const { scanner } = saneScanner();
    const settings = { resolution: 150, mode: 'color', source: 'flatbed' } as const;
    const one = await new DocumentScanService(scanner, config(settings), systemClock, createMemoryLogger()).scanDocument({ title: 'x' }, undefined, () => {});
    // Room for two and a half pages of this size, a third of it used already.
    const limit = Math.round(one.pdf.length * 2.5);
    const service = new DocumentScanService(scanner, config({ ...settings, source: 'adf', limits: { maxPagesPerDossier: 50, maxBytesPerDossier: limit } }), systemClock, createMemoryLogger());
    const doc = await service.scanDocument({ title: 'x', already: { pages: 1, bytes: Math.round(limit / 3) } }, undefined, () => {});
    expect(doc.stoppedBy).toBe('size-limit');
    expect(doc.notice?.en).toMatch(/largest size/);
    expect(doc.pages).toHaveLength(1);
    expect(doc.pdf.length + Math.round(limit / 3)).toBeLessThanOrEqual(limit);
  });

  it('keeps the pages scanned before a jam and tells the citizen about the jam', async () => {
    const { scanner } = saneScanner(SANE_FIXTURES, { scanimagePath: join(SANE_FIXTURES, 'jam-after-one-page.sh') });
    const logger = createMemoryLogger();
    const service = new DocumentScanService(scanner, config({ resolution: 50, source: 'adf' }), systemClock, logger);
    const doc = await service.scanDocument({ title: 'x' }, undefined, () => {});
    expect(doc.pages).toHaveLength(1);
    expect((await PDFDocument.load(doc.pdf)).getPageCount()).toBe(1);
    expect(doc.stoppedBy).toBe('jammed');
    expect(doc.notice?.en).toMatch(/jammed/);
    expect(logger.lines.some((l) => l.level === 'warn')).toBe(true);
  });

  it('passes a failure with no page on as an error with words for the citizen', async () => {
    const { scanner } = saneScanner(join(SANE_FIXTURES, 'feeder-empty'));
    const service = new DocumentScanService(scanner, config({ resolution: 50, source: 'adf' }), systemClock, createMemoryLogger());
    const error = await service.scanDocument({ title: 'x' }, undefined, () => {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DocumentScanError);
    expect((error as DocumentScanError).text.vi).toMatch(/Khay nạp giấy đang trống/);
  });

  it('makes PDFs from the virtual scanner too', async () => {
    const service = new DocumentScanService(new VirtualDocumentScanner(systemClock, 2), config({ resolution: 100, source: 'adf' }), systemClock, createMemoryLogger());
    const doc = await service.scanDocument({ title: 'x' }, undefined, () => {});
    expect((await PDFDocument.load(doc.pdf)).getPageCount()).toBe(2);
    expect(spread(renderPage(doc.pdf, 2, 'virtual').grey)).toBeGreaterThan(100);
  });
});
