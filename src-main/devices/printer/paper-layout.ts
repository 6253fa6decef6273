import { createCanvas, type SKRSContext2D } from '@napi-rs/canvas';
import QRCode from 'qrcode';
import { FONT_STACK, registerTicketFonts } from './fonts';
import { monoFromRgba, type MonoBitmap } from './mono-bitmap';

const MARGIN = 16;
/** Long enough for a receipt; the bitmap is cropped to what was drawn. */
const MAX_HEIGHT_AT_576 = 6000;

export interface TextStyle {
  size: number;
  bold?: boolean;
  align?: 'center' | 'left';
  gapAfter?: number;
}

/**
 * Draws a paper print top to bottom on a paper-wide canvas, in sizes given for 80 mm paper and
 * scaled for 58 mm, then thresholds it to printer dots.
 */
export class PaperLayout {
  private readonly ctx: SKRSContext2D;
  private readonly scale: number;
  private y: number;

  constructor(private readonly widthDots: number) {
    registerTicketFonts();
    this.scale = widthDots / 576;
    const canvas = createCanvas(widthDots, this.px(MAX_HEIGHT_AT_576));
    this.ctx = canvas.getContext('2d');
    this.ctx.fillStyle = '#fff';
    this.ctx.fillRect(0, 0, canvas.width, canvas.height);
    this.ctx.fillStyle = '#000';
    this.ctx.textBaseline = 'top';
    this.y = this.px(8);
  }

  text(value: string, style: TextStyle): this {
    if (!value) return this;
    const size = this.px(style.size);
    const left = style.align === 'left';
    this.ctx.font = `${style.bold ? 'bold ' : ''}${size}px ${FONT_STACK}`;
    this.ctx.textAlign = left ? 'left' : 'center';
    const x = left ? MARGIN : this.widthDots / 2;
    for (const line of this.wrap(value, this.widthDots - 2 * MARGIN)) {
      this.ctx.fillText(line, x, this.y);
      this.y += Math.round(size * 1.25);
    }
    this.y += this.px(style.gapAfter ?? 8);
    return this;
  }

  /** A tick box followed by wrapped text, for checklists. */
  checkbox(value: string, size: number): this {
    const box = this.px(size);
    this.ctx.lineWidth = Math.max(2, this.px(3));
    this.ctx.strokeRect(MARGIN + 1, this.y + 2, box, box);
    this.ctx.font = `${this.px(size)}px ${FONT_STACK}`;
    this.ctx.textAlign = 'left';
    const indent = MARGIN + box + this.px(14);
    for (const line of this.wrap(value, this.widthDots - indent - MARGIN)) {
      this.ctx.fillText(line, indent, this.y);
      this.y += Math.round(box * 1.25);
    }
    this.y += this.px(10);
    return this;
  }

  rule(): this {
    this.ctx.fillRect(MARGIN, this.y, this.widthDots - 2 * MARGIN, Math.max(2, this.px(3)));
    this.y += this.px(16);
    return this;
  }

  qr(value: string, size: number): this {
    const qr = QRCode.create(value, { errorCorrectionLevel: 'M' });
    const count = qr.modules.size;
    const cell = Math.max(2, Math.floor(this.px(size) / count));
    const left = Math.round(this.widthDots / 2 - (cell * count) / 2);
    for (let r = 0; r < count; r++) {
      for (let c = 0; c < count; c++) {
        if (qr.modules.get(r, c)) this.ctx.fillRect(left + c * cell, this.y + r * cell, cell, cell);
      }
    }
    this.y += cell * count + 12;
    return this;
  }

  finish(): MonoBitmap {
    const height = Math.min(this.px(MAX_HEIGHT_AT_576), this.y + this.px(8));
    const rgba = this.ctx.getImageData(0, 0, this.widthDots, height).data;
    return monoFromRgba(rgba, this.widthDots, height);
  }

  private px(n: number): number {
    return Math.round(n * this.scale);
  }

  /** Greedy word wrap; a single over-long word is split by characters. */
  private wrap(value: string, maxWidth: number): string[] {
    const measure = (s: string) => this.ctx.measureText(s).width;
    const lines: string[] = [];
    let line = '';
    for (const word of value.split(/\s+/).filter(Boolean)) {
      const candidate = line ? `${line} ${word}` : word;
      if (measure(candidate) <= maxWidth) {
        line = candidate;
        continue;
      }
      if (line) lines.push(line);
      line = word;
      while (measure(line) > maxWidth && line.length > 1) {
        let cut = line.length - 1;
        while (cut > 1 && measure(line.slice(0, cut)) > maxWidth) cut--;
        lines.push(line.slice(0, cut));
        line = line.slice(cut);
      }
    }
    if (line) lines.push(line);
    return lines;
  }
}
