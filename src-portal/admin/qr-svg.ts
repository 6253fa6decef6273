import QRCode from 'qrcode';
import { escapeHtml } from './escape-html';

/** Quiet zone the QR standard asks for around the symbol, in modules. */
const QUIET = 4;

/**
 * A QR code as inline SVG, rendered on the server (the admin page has no script): one path of
 * module runs, crisp edges, drawn `sizePx` wide so a phone or a HID scanner reads it off a screen.
 */
export function qrSvg(text: string, sizePx: number, label: string): string {
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const count = qr.modules.size;
  const runs: string[] = [];
  for (let r = 0; r < count; r++) {
    let start = -1;
    for (let c = 0; c <= count; c++) {
      const dark = c < count && qr.modules.get(r, c) === 1;
      if (dark && start < 0) start = c;
      if (!dark && start >= 0) {
        runs.push(`M${start + QUIET} ${r + QUIET}h${c - start}v1h${start - c}z`);
        start = -1;
      }
    }
  }
  const side = count + 2 * QUIET;
  return `<svg xmlns="http://www.w3.org/2000/svg" class="qr" role="img" aria-label="${escapeHtml(label)}" width="${sizePx}" height="${sizePx}" viewBox="0 0 ${side} ${side}" shape-rendering="crispEdges"><rect width="${side}" height="${side}" fill="#fff"/><path fill="#000" d="${runs.join('')}"/></svg>`;
}
