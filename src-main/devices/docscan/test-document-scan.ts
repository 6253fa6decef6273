import type { ResponseOf } from '../../../src-shared/contract';
import { KioskError } from '../../kernel/kiosk-error';
import type { DocumentScanService } from './document-scan-service';
import { DocumentScanError } from './scan-errors';

/**
 * The staff panel's "test scan": one page from the configured source, made into a PDF like a
 * citizen's would be. A failure becomes a `device_unavailable` reply in both languages.
 */
export async function testDocumentScan(service: DocumentScanService): Promise<ResponseOf<'testDocumentScan'>> {
  try {
    const doc = await service.scanDocument({ title: 'Test scan', maxPages: 1 }, undefined, () => {});
    return {
      pageCount: doc.pages.length,
      pdfBytes: doc.pdf.length,
      thumbnails: doc.pages.map((p) => `data:image/png;base64,${Buffer.from(p.thumbnailPng).toString('base64')}`),
      durationMs: doc.durationMs,
    };
  } catch (error) {
    if (error instanceof DocumentScanError) throw new KioskError('device_unavailable', `${error.text.vi} / ${error.text.en}`);
    throw error;
  }
}
