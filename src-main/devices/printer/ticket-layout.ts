import { createCanvas, type SKRSContext2D } from '@napi-rs/canvas';
import QRCode from 'qrcode';
import { FONT_STACK, registerTicketFonts } from './fonts';
import { monoFromRgba, type MonoBitmap } from './mono-bitmap';

export interface TicketPrintData {
  centerName: string;
  header: string;
  serviceName: string;
  number: string;
  priorityLabel: string | null;
  issuedAtText: string;
  waitingAheadText: string;
  qrText: string;
  qrCaption: string;
  footer: string;
}

const MARGIN = 16;

/** Lays a queue ticket out on a paper-wide canvas and thresholds it to printer dots. */
export function renderTicket(data: TicketPrintData, widthDots: number): MonoBitmap {
  registerTicketFonts();
  const scale = widthDots / 576;
  const px = (n: number) => Math.round(n * scale);
  const maxHeight = px(1400);
  const canvas = createCanvas(widthDots, maxHeight);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, widthDots, maxHeight);
  ctx.fillStyle = '#000';
  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  const center = widthDots / 2;
  let y = px(8);

  const text = (value: string, size: number, bold = false, gap = 8) => {
    if (!value) return;
    ctx.font = `${bold ? 'bold ' : ''}${px(size)}px ${FONT_STACK}`;
    for (const line of wrap(ctx, value, widthDots - 2 * MARGIN)) {
      ctx.fillText(line, center, y);
      y += Math.round(px(size) * 1.25);
    }
    y += px(gap);
  };
  const rule = () => {
    ctx.fillRect(MARGIN, y, widthDots - 2 * MARGIN, Math.max(2, px(3)));
    y += px(16);
  };

  text(data.centerName, 26, true);
  text(data.header, 20);
  rule();
  text(data.serviceName, 32, true, 4);
  text(data.number, 150, true, 4);
  if (data.priorityLabel) text(data.priorityLabel, 28, true);
  text(data.issuedAtText, 24);
  text(data.waitingAheadText, 26, true);
  rule();
  y = drawQr(ctx, data.qrText, center, y, px(220));
  text(data.qrCaption, 20);
  text(data.footer, 20, false, 0);

  const height = Math.min(maxHeight, y + px(8));
  const rgba = ctx.getImageData(0, 0, widthDots, height).data;
  return monoFromRgba(rgba, widthDots, height);
}

function drawQr(ctx: SKRSContext2D, value: string, centerX: number, top: number, size: number): number {
  const qr = QRCode.create(value, { errorCorrectionLevel: 'M' });
  const count = qr.modules.size;
  const cell = Math.max(2, Math.floor(size / count));
  const left = Math.round(centerX - (cell * count) / 2);
  for (let r = 0; r < count; r++) {
    for (let c = 0; c < count; c++) {
      if (qr.modules.get(r, c)) ctx.fillRect(left + c * cell, top + r * cell, cell, cell);
    }
  }
  return top + cell * count + 12;
}

/** Greedy word wrap; a single over-long word is split by characters. */
function wrap(ctx: SKRSContext2D, value: string, maxWidth: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of value.split(/\s+/).filter(Boolean)) {
    const candidate = line ? `${line} ${word}` : word;
    if (ctx.measureText(candidate).width <= maxWidth) {
      line = candidate;
      continue;
    }
    if (line) lines.push(line);
    line = word;
    while (ctx.measureText(line).width > maxWidth && line.length > 1) {
      let cut = line.length - 1;
      while (cut > 1 && ctx.measureText(line.slice(0, cut)).width > maxWidth) cut--;
      lines.push(line.slice(0, cut));
      line = line.slice(cut);
    }
  }
  if (line) lines.push(line);
  return lines;
}
