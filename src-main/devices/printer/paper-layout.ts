import type { Canvas, SKRSContext2D } from '@napi-rs/canvas';
import { canvasLib } from '../canvas-lib';
import QRCode from 'qrcode';
import { FONT_STACK, registerTicketFonts } from './fonts';
import { monoFromRgba, type MonoBitmap } from './mono-bitmap';

const MARGIN = 16;
/** Long enough for a receipt; the bitmap is cropped to what was drawn. */
const MAX_HEIGHT_AT_576 = 6000;
/**
 * A ticket fits in this; longer prints grow the canvas by doubling. Starting at the maximum cost
 * more than the drawing itself (a 576×6000 surface is 14 MB to allocate and flush per print).
 */
const FIRST_HEIGHT_AT_576 = 1600;

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
  private canvas: Canvas;
  private ctx: SKRSContext2D;
  private readonly scale: number;
  private y: number;

  constructor(private readonly widthDots: number) {
    registerTicketFonts();
    this.scale = widthDots / 576;
    // No white fill: transparent counts as paper in monoFromRgba.
    this.canvas = canvasLib().createCanvas(widthDots, this.px(FIRST_HEIGHT_AT_576));
    this.ctx = this.prepare(this.canvas);
    this.y = this.px(8);
  }

  text(value: string, style: TextStyle): this {
    if (!value) return this;
    const size = this.px(style.size);
    const left = style.align === 'left';
    this.ctx.font = `${style.bold ? 'bold ' : ''}${size}px ${FONT_STACK}`;
    this.ctx.textAlign = left ? 'left' : 'center';
    const x = left ? MARGIN : this.widthDots / 2;
    const lines = this.wrap(value, this.widthDots - 2 * MARGIN);
    this.ensureRoom(lines.length * Math.round(size * 1.25) + this.px(style.gapAfter ?? 8));
    for (const line of lines) {
      this.ctx.fillText(line, x, this.y);
      this.y += Math.round(size * 1.25);
    }
    this.y += this.px(style.gapAfter ?? 8);
    return this;
  }

  /** A tick box followed by wrapped text, for checklists. */
  checkbox(value: string, size: number): this {
    const box = this.px(size);
    this.ctx.font = `${this.px(size)}px ${FONT_STACK}`;
    const indent = MARGIN + box + this.px(14);
    const lines = this.wrap(value, this.widthDots - indent - MARGIN);
    this.ensureRoom(lines.length * Math.round(box * 1.25) + this.px(10) + 4);
    this.ctx.lineWidth = Math.max(2, this.px(3));
    this.ctx.strokeRect(MARGIN + 1, this.y + 2, box, box);
    this.ctx.textAlign = 'left';
    for (const line of lines) {
      this.ctx.fillText(line, indent, this.y);
      this.y += Math.round(box * 1.25);
    }
    this.y += this.px(10);
    return this;
  }

  rule(): this {
    this.ensureRoom(this.px(16) + this.px(3));
    this.ctx.fillRect(MARGIN, this.y, this.widthDots - 2 * MARGIN, Math.max(2, this.px(3)));
    this.y += this.px(16);
    return this;
  }

  qr(value: string, size: number): this {
    const qr = QRCode.create(value, { errorCorrectionLevel: 'M' });
    const count = qr.modules.size;
    const cell = Math.max(2, Math.floor(this.px(size) / count));
    const left = Math.round(this.widthDots / 2 - (cell * count) / 2);
    this.ensureRoom(cell * count + 12);
    // One path with a rectangle per run of dark modules: one fill instead of hundreds.
    this.ctx.beginPath();
    for (let r = 0; r < count; r++) {
      let runStart = -1;
      for (let c = 0; c <= count; c++) {
        const dark = c < count && qr.modules.get(r, c) === 1;
        if (dark && runStart < 0) runStart = c;
        if (!dark && runStart >= 0) {
          this.ctx.rect(left + runStart * cell, this.y + r * cell, (c - runStart) * cell, cell);
          runStart = -1;
        }
      }
    }
    this.ctx.fill();
    this.y += cell * count + 12;
    return this;
  }

  finish(): MonoBitmap {
    const height = Math.min(this.canvas.height, this.y + this.px(8));
    const rgba = this.ctx.getImageData(0, 0, this.widthDots, height).data;
    return monoFromRgba(rgba, this.widthDots, height);
  }

  /**
   * Grows the canvas (doubling, up to the maximum) so the next `height` dots fit; past the
   * maximum, drawing goes on off the canvas and the print is cut at the maximum length.
   */
  private ensureRoom(height: number): void {
    const max = this.px(MAX_HEIGHT_AT_576);
    if (this.y + height <= this.canvas.height || this.canvas.height >= max) return;
    let next = this.canvas.height;
    while (next < this.y + height && next < max) next *= 2;
    const grown = canvasLib().createCanvas(this.widthDots, Math.min(next, max));
    const ctx = this.prepare(grown);
    ctx.drawImage(this.canvas, 0, 0);
    ctx.font = this.ctx.font;
    ctx.textAlign = this.ctx.textAlign;
    ctx.lineWidth = this.ctx.lineWidth;
    this.canvas = grown;
    this.ctx = ctx;
  }

  private prepare(canvas: Canvas): SKRSContext2D {
    const ctx = canvas.getContext('2d');
    ctx.fillStyle = '#000';
    ctx.textBaseline = 'top';
    return ctx;
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
