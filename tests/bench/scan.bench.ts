// scan.page_to_pdf_ms: median time from asking SANE's test backend for one A4 page at 200 dpi
// grey to holding the PDF bytes (scanimage run, PNM read, compression, thumbnail, PDF).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { systemClock } from '../../src-main/kernel/clock';
import { createMemoryLogger } from '../../src-main/kernel/logger';
import { DocumentScannerConfigSchema } from '../../src-main/devices/docscan/docscan-config';
import { DocumentScanService } from '../../src-main/devices/docscan/document-scan-service';
import type { DocumentScannerPort } from '../../src-main/devices/docscan/document-scanner-port';
import { nodeSpawner } from '../../src-main/devices/docscan/process-runner';
import { SaneScanner } from '../../src-main/devices/docscan/sane-scanner';
import { VirtualDocumentScanner } from '../../src-main/devices/docscan/virtual-document-scanner';
import { percentile, report } from './report';

const RUNS = Number(process.env.BENCH_SCANS ?? 7);
const config = DocumentScannerConfigSchema.parse({ driver: 'sane', resolution: 200, mode: 'gray', source: 'flatbed' });
const sane = new SaneScanner(
  {
    scanimagePath: 'scanimage',
    device: 'test:0',
    timeoutMs: 30_000,
    env: { ...process.env, SANE_CONFIG_DIR: join(import.meta.dirname, '../fixtures/sane') },
    tempDir: mkdtempSync(join(tmpdir(), 'kiosk-bench-scan-')),
  },
  nodeSpawner,
  systemClock,
);

async function measure(scanner: DocumentScannerPort): Promise<{ ms: number[]; pdfBytes: number }> {
  const service = new DocumentScanService(scanner, config, systemClock, createMemoryLogger());
  await service.scanDocument({ title: 'warm-up' }, undefined, () => {});
  const ms: number[] = [];
  let pdfBytes = 0;
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    const doc = await service.scanDocument({ title: 'bench' }, undefined, () => {});
    ms.push(performance.now() - started);
    pdfBytes = doc.pdf.length;
  }
  return { ms, pdfBytes };
}

const test = await measure(sane);
// The test backend's picture is stripes that deflate to almost nothing. A form with text (the
// virtual scanner's page) shows the size of a text page; its time includes drawing that page.
const form = await measure(new VirtualDocumentScanner(systemClock));
report(
  'scan.page_to_pdf_ms',
  percentile(test.ms, 50),
  'ms',
  1500,
  `n=${RUNS} max=${Math.max(...test.ms).toFixed(0)} pdf=${(test.pdfBytes / 1024).toFixed(0)}KiB form_page_median=${percentile(form.ms, 50).toFixed(0)}ms form_pdf=${(form.pdfBytes / 1024).toFixed(0)}KiB`,
);
