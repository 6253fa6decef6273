import { PDFDocument } from 'pdf-lib';
import type { ResponseOf } from '../../src-shared/contract';
import type { Language } from '../../src-shared/dto';
import type { EventBus } from '../kernel/event-bus';
import { KioskError } from '../kernel/kiosk-error';
import type { DocumentScanService } from '../devices/docscan/document-scan-service';
import { DocumentScanError, scanFailureMessages } from '../devices/docscan/scan-errors';
import type { DossierService } from './dossier-service';

const pngDataUrl = (png: Uint8Array) => `data:image/png;base64,${Buffer.from(png).toString('base64')}`;

/** The document scanner and the dossier's page staging, as far as scanning into a session needs them. */
export interface ScanIntoSessionParts {
  scans: Pick<DocumentScanService, 'scanDocument'>;
  dossiers: Pick<DossierService, 'stagePage'>;
  events: Pick<EventBus, 'emit'>;
}

/**
 * Scans one required document into a dossier session, in main: the images never travel through
 * the renderer, which only gets small thumbnails. Each page is staged as its own one-page PDF,
 * so the citizen can delete or rescan a single page. The device is one, so one scan at a time.
 */
export class ScanIntoSession {
  private running: { sessionId: string; abort: AbortController } | null = null;
  /** Pages and bytes staged by scanning per session, counted against the dossier limits. */
  private readonly used = new Map<string, Map<string, number>>();

  constructor(private readonly parts: ScanIntoSessionParts) {}

  async scan(sessionId: string, documentId: string, language: Language): Promise<ResponseOf<'scanDocumentPages'>> {
    if (this.running) throw new KioskError('device_unavailable', scanFailureMessages.busy[language]);
    const abort = new AbortController();
    this.running = { sessionId, abort };
    try {
      const pagesOfSession = this.used.get(sessionId) ?? new Map<string, number>();
      const already = { pages: pagesOfSession.size, bytes: [...pagesOfSession.values()].reduce((a, b) => a + b, 0) };
      const doc = await this.parts.scans.scanDocument({ title: documentId, already }, abort.signal, (page) =>
        this.parts.events.emit('scanProgress', {
          sessionId,
          documentId,
          pageNumber: page.index + 1,
          thumbnail: pngDataUrl(page.thumbnailPng),
        }),
      );
      const singles = await splitPdf(doc.pdf);
      const pages = singles.map((bytes, i) => {
        const staged = this.parts.dossiers.stagePage(sessionId, bytes, language);
        pagesOfSession.set(staged.pageId, staged.byteSize);
        const scanned = doc.pages[i];
        return { pageId: staged.pageId, thumbnail: scanned ? pngDataUrl(scanned.thumbnailPng) : '', byteSize: staged.byteSize };
      });
      this.used.set(sessionId, pagesOfSession);
      return { pages, notice: doc.notice };
    } catch (error) {
      if (error instanceof DocumentScanError) throw new KioskError('device_unavailable', error.text[language]);
      throw error;
    } finally {
      this.running = null;
    }
  }

  /** A page deleted from the session no longer counts against its limits. */
  forgetPage(sessionId: string, pageId: string): void {
    this.used.get(sessionId)?.delete(pageId);
  }

  /** The session ended (submit, cancel, idle): stop its scan and drop its counts. */
  endSession(sessionId: string): void {
    if (this.running?.sessionId === sessionId) this.running.abort.abort();
    this.used.delete(sessionId);
  }
}

/** One PDF per page, so each page is staged, deleted and submitted on its own. */
export async function splitPdf(pdf: Uint8Array): Promise<Uint8Array[]> {
  const source = await PDFDocument.load(pdf);
  const out: Uint8Array[] = [];
  for (const index of source.getPageIndices()) {
    const single = await PDFDocument.create();
    single.setTitle(source.getTitle() ?? '');
    const [page] = await single.copyPages(source, [index]);
    if (page) single.addPage(page);
    out.push(await single.save());
  }
  return out;
}
