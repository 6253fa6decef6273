import { canvasLib } from '../canvas-lib';
import type { DeviceHealth } from '../../../src-shared/dto';
import type { Clock } from '../../kernel/clock';
import { FONT_STACK, registerTicketFonts } from '../printer/fonts';
import type { DocumentScannerPort, PageDecision, ScannerDevice, ScanRequest } from './document-scanner-port';
import type { RawPage } from './raw-page';
import { DocumentScanError } from './scan-errors';

const A4_MM = { width: 210, height: 297 } as const;

/**
 * A scanner for demos and machines without one: it "scans" A4 pages of a sample form, one from
 * the glass or `feederPages` from the feeder, at the requested resolution and mode.
 */
export class VirtualDocumentScanner implements DocumentScannerPort {
  constructor(
    private readonly clock: Clock,
    private readonly feederPages = 3,
  ) {}

  health(): DeviceHealth {
    return { device: 'document-scanner', state: 'ok', reason: 'docscan_ready', detail: 'virtual document scanner', at: this.clock.now().toISOString() };
  }

  async listDevices(): Promise<ScannerDevice[]> {
    return [{ name: 'virtual:0', description: 'Virtual document scanner' }];
  }

  async scan(request: ScanRequest, signal: AbortSignal | undefined, onPage: (page: RawPage) => Promise<PageDecision>): Promise<number> {
    const count = request.source === 'flatbed' ? 1 : Math.min(this.feederPages, request.maxPages);
    let delivered = 0;
    for (let i = 1; i <= count; i++) {
      if (signal?.aborted) throw new DocumentScanError('cancelled');
      const page = samplePage(i, request);
      delivered++;
      if ((await onPage(page)) === 'stop') break;
    }
    return delivered;
  }
}

/** An A4 page with a heading and ruled lines, so a PDF made from it visibly has content. */
export function samplePage(number: number, request: Pick<ScanRequest, 'resolution' | 'mode'>): RawPage {
  registerTicketFonts();
  const dpi = request.resolution;
  const width = Math.round((A4_MM.width / 25.4) * dpi);
  const height = Math.round((A4_MM.height / 25.4) * dpi);
  const mm = dpi / 25.4;
  const canvas = canvasLib().createCanvas(width, height);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#f6f5f0';
  ctx.fillRect(0, 0, width, height);
  ctx.fillStyle = '#111111';
  ctx.textAlign = 'center';
  ctx.font = `700 ${Math.round(5 * mm)}px ${FONT_STACK}`;
  ctx.fillText('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', width / 2, 25 * mm);
  ctx.font = `400 ${Math.round(4.5 * mm)}px ${FONT_STACK}`;
  ctx.fillText('Độc lập - Tự do - Hạnh phúc', width / 2, 33 * mm);
  ctx.font = `700 ${Math.round(6 * mm)}px ${FONT_STACK}`;
  ctx.fillText(`TỜ KHAI MẪU — TRANG ${number}`, width / 2, 55 * mm);
  ctx.textAlign = 'left';
  ctx.font = `400 ${Math.round(4 * mm)}px ${FONT_STACK}`;
  for (let line = 0, y = 75 * mm; y < height - 25 * mm; line++, y += 10 * mm) {
    ctx.fillText(`${line + 1}. Họ và tên / Full name:`, 20 * mm, y);
    ctx.fillRect(85 * mm, y + 1 * mm, width - 105 * mm, Math.max(1, Math.round(0.3 * mm)));
  }
  if (request.mode === 'color') {
    ctx.strokeStyle = '#c0262d';
    ctx.lineWidth = Math.max(2, Math.round(1 * mm));
    ctx.beginPath();
    ctx.arc(width - 45 * mm, height - 45 * mm, 20 * mm, 0, 2 * Math.PI);
    ctx.stroke();
  }
  const rgba = ctx.getImageData(0, 0, width, height).data;
  const channels = request.mode === 'color' ? 3 : 1;
  const data = new Uint8Array(width * height * channels);
  for (let i = 0, j = 0; i < width * height; i++, j += 4) {
    if (channels === 1) data[i] = rgba[j] ?? 0;
    else data.set([rgba[j] ?? 0, rgba[j + 1] ?? 0, rgba[j + 2] ?? 0], i * 3);
  }
  return { width, height, channels, dpi, data };
}
