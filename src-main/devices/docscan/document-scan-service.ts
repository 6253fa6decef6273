import type { DeviceHealth, LocalizedText } from '../../../src-shared/dto';
import type { Clock } from '../../kernel/clock';
import type { Logger } from '../../kernel/logger';
import type { DocumentScannerConfig } from './docscan-config';
import type { DocumentScannerPort, ScanRequest } from './document-scanner-port';
import { encodePage, thumbnailPng, type EncodedPage } from './page-encoder';
import { assemblePdf } from './pdf-assembler';
import { DocumentScanError, scanFailureMessages, type ScanFailure } from './scan-errors';

export interface ScanDocumentOptions {
  /** The required document's name; becomes the PDF's title. */
  title: string;
  /** What the dossier holds already, counted against its limits. */
  already?: { pages: number; bytes: number };
  /** Overrides of the configured settings, e.g. colour for a photo. */
  mode?: ScanRequest['mode'];
  source?: ScanRequest['source'];
  /** Take at most this many pages (a test scan takes one), within the dossier's limit. */
  maxPages?: number;
}

export interface ScannedPage {
  index: number;
  widthPx: number;
  heightPx: number;
  dpi: number;
  /** Compressed size inside the PDF. */
  bytes: number;
  thumbnailPng: Uint8Array;
}

export interface ScannedDocument {
  pages: ScannedPage[];
  pdf: Uint8Array;
  /** Set when the scan ended early but kept the pages before: why, in words for the citizen. */
  stoppedBy: ScanFailure | null;
  notice: LocalizedText | null;
  durationMs: number;
}

// What a PDF adds around each image (page object, content stream, xref entry), kept generous.
const PDF_BYTES_PER_PAGE = 2048;

/**
 * Scans one required document into one PDF. Pages are compressed as they arrive, so the
 * citizen sees each thumbnail while the feeder goes on; the dossier's page and byte limits
 * are checked per page, and a scan that fails half-way keeps the pages it already has.
 */
export class DocumentScanService {
  constructor(
    private readonly scanner: DocumentScannerPort,
    private readonly config: DocumentScannerConfig,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  health(): DeviceHealth {
    return this.scanner.health();
  }

  async scanDocument(options: ScanDocumentOptions, signal: AbortSignal | undefined, onPage: (page: ScannedPage) => void): Promise<ScannedDocument> {
    const started = this.clock.now().getTime();
    const { maxPagesPerDossier, maxBytesPerDossier } = this.config.limits;
    const already = options.already ?? { pages: 0, bytes: 0 };
    const roomForPages = maxPagesPerDossier - already.pages;
    if (roomForPages <= 0) throw new DocumentScanError('page-limit', `${already.pages} of ${maxPagesPerDossier} pages used`);
    if (already.bytes + PDF_BYTES_PER_PAGE > maxBytesPerDossier) throw new DocumentScanError('size-limit', `${already.bytes} of ${maxBytesPerDossier} bytes used`);

    const request: ScanRequest = {
      resolution: this.config.resolution,
      mode: options.mode ?? this.config.mode,
      source: options.source ?? this.config.source,
      maxPages: Math.min(roomForPages, options.maxPages ?? roomForPages),
    };
    const encoded: EncodedPage[] = [];
    const pages: ScannedPage[] = [];
    let bytes = already.bytes;
    let stoppedBy: ScanFailure | null = null;
    try {
      await this.scanner.scan(request, signal, async (raw) => {
        const page = await encodePage(raw);
        const cost = page.bytes.length + PDF_BYTES_PER_PAGE;
        if (bytes + cost > maxBytesPerDossier) {
          stoppedBy = 'size-limit';
          return 'stop';
        }
        bytes += cost;
        encoded.push(page);
        const scanned: ScannedPage = {
          index: pages.length,
          widthPx: raw.width,
          heightPx: raw.height,
          dpi: raw.dpi,
          bytes: page.bytes.length,
          thumbnailPng: await thumbnailPng(raw),
        };
        pages.push(scanned);
        onPage(scanned);
        if (already.pages + pages.length >= maxPagesPerDossier) {
          stoppedBy = 'page-limit';
          return 'stop';
        }
        return options.maxPages !== undefined && pages.length >= options.maxPages ? 'stop' : 'continue';
      });
    } catch (error) {
      const failure = error instanceof DocumentScanError ? error : new DocumentScanError('device-error', String(error));
      this.logger.log('warn', 'document scan ended with an error', { failure: failure.failure, detail: failure.detail, pagesKept: pages.length });
      if (pages.length === 0) throw failure;
      stoppedBy = failure.failure;
    }
    if (pages.length === 0) throw new DocumentScanError(stoppedBy ?? 'device-error', 'no page fits the dossier');
    const pdf = await assemblePdf(encoded, options.title, this.clock.now());
    return {
      pages,
      pdf,
      stoppedBy,
      notice: stoppedBy ? scanFailureMessages[stoppedBy] : null,
      durationMs: this.clock.now().getTime() - started,
    };
  }
}
