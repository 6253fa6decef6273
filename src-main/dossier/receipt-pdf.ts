import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { PDFDocument, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import QRCode from 'qrcode';
import type { Receipt } from '../../src-shared/dossier';
import type { Language } from '../../src-shared/dto';
import { documentLine, receiptRows } from './receipt-model';
import { receiptTexts } from './receipt-texts';

const A5: [number, number] = [419.53, 595.28];
const MARGIN = 34;

/** Fontsource's vietnamese subset holds exactly these code points; the rest comes from latin. */
const VIETNAMESE_POINTS = new Set([
  0x102, 0x103, 0x110, 0x111, 0x128, 0x129, 0x168, 0x169, 0x1a0, 0x1a1, 0x1af, 0x1b0,
  0x300, 0x301, 0x303, 0x304, 0x308, 0x309, 0x323, 0x329, 0x20ab,
]);
const isVietnameseSubset = (ch: string): boolean => {
  const cp = ch.codePointAt(0) ?? 0;
  return (cp >= 0x1ea0 && cp <= 0x1ef9) || VIETNAMESE_POINTS.has(cp);
};

export function fontFile(subset: 'vietnamese' | 'latin', weight: 400 | 700): Buffer {
  const require = createRequire(import.meta.url);
  const dir = join(dirname(require.resolve('@fontsource/noto-sans/package.json')), 'files');
  return readFileSync(join(dir, `noto-sans-${subset}-${weight}-normal.woff`));
}

export type Fonts = Record<'vi' | 'latin', Record<'regular' | 'bold', PDFFont>>;

/** Text in runs, each run in the subset font that has its letters (one font would lose Đ Ư Ự). */
export class Typesetter {
  constructor(private readonly fonts: Fonts) {}

  private runs(text: string, bold: boolean): { text: string; font: PDFFont }[] {
    const runs: { text: string; font: PDFFont }[] = [];
    for (const ch of text.normalize('NFC')) {
      const font = this.fonts[isVietnameseSubset(ch) ? 'vi' : 'latin'][bold ? 'bold' : 'regular'];
      const last = runs.at(-1);
      if (last && last.font === font) last.text += ch;
      else runs.push({ text: ch, font });
    }
    return runs;
  }

  width(text: string, size: number, bold: boolean): number {
    return this.runs(text, bold).reduce((w, r) => w + r.font.widthOfTextAtSize(r.text, size), 0);
  }

  draw(page: PDFPage, text: string, x: number, y: number, size: number, bold: boolean): void {
    let at = x;
    for (const r of this.runs(text, bold)) {
      page.drawText(r.text, { x: at, y, size, font: r.font, color: rgb(0, 0, 0) });
      at += r.font.widthOfTextAtSize(r.text, size);
    }
  }

  wrap(text: string, maxWidth: number, size: number, bold: boolean): string[] {
    const lines: string[] = [];
    let line = '';
    for (const word of text.split(/\s+/).filter(Boolean)) {
      const candidate = line ? `${line} ${word}` : word;
      if (this.width(candidate, size, bold) <= maxWidth || !line) line = candidate;
      else {
        lines.push(line);
        line = word;
      }
    }
    if (line) lines.push(line);
    return lines;
  }
}

/** Draws top to bottom, starting a new A5 page when the current one is full. */
class Flow {
  page: PDFPage;
  y: number;
  constructor(
    private readonly doc: PDFDocument,
    readonly ts: Typesetter,
  ) {
    this.page = doc.addPage(A5);
    this.y = A5[1] - MARGIN;
  }

  get width(): number {
    return A5[0] - 2 * MARGIN;
  }

  need(height: number): void {
    if (this.y - height >= MARGIN) return;
    this.page = this.doc.addPage(A5);
    this.y = A5[1] - MARGIN;
  }

  text(value: string, size: number, opts: { bold?: boolean; center?: boolean; indent?: number; maxWidth?: number } = {}): void {
    const bold = opts.bold ?? false;
    const indent = opts.indent ?? 0;
    for (const line of this.ts.wrap(value, (opts.maxWidth ?? this.width) - indent, size, bold)) {
      this.need(size * 1.3);
      this.y -= size;
      const x = opts.center ? MARGIN + (this.width - this.ts.width(line, size, bold)) / 2 : MARGIN + indent;
      this.ts.draw(this.page, line, x, this.y, size, bold);
      this.y -= size * 0.3;
    }
  }

  /** `Label: value` with the value in bold, wrapped under the label's line. */
  labelled(label: string, value: string, size: number): void {
    const head = `${label}: `;
    const headWidth = this.ts.width(head, size, false);
    const words = value.split(/\s+/).filter(Boolean);
    let first = '';
    while (words.length > 0 && this.ts.width(first ? `${first} ${words[0]}` : (words[0] ?? ''), size, true) <= this.width - headWidth) {
      first = first ? `${first} ${words.shift()}` : (words.shift() ?? '');
    }
    this.need(size * 1.3);
    this.y -= size;
    this.ts.draw(this.page, head, MARGIN, this.y, size, false);
    this.ts.draw(this.page, first, MARGIN + headWidth, this.y, size, true);
    this.y -= size * 0.3;
    if (words.length > 0) this.text(words.join(' '), size, { bold: true, indent: 10 });
  }

  gap(points: number): void {
    this.y -= points;
  }

  rule(): void {
    this.need(8);
    this.y -= 4;
    this.page.drawLine({ start: { x: MARGIN, y: this.y }, end: { x: A5[0] - MARGIN, y: this.y }, thickness: 0.8 });
    this.y -= 6;
  }
}

function drawQr(page: PDFPage, text: string, x: number, top: number, size: number): void {
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const n = qr.modules.size;
  const cell = size / n;
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < n; c++) {
      if (qr.modules.get(r, c)) page.drawRectangle({ x: x + c * cell, y: top - (r + 1) * cell, width: cell, height: cell, color: rgb(0, 0, 0) });
    }
  }
}

/** Form 01 on A5 for a system printer, with Noto Sans embedded so Vietnamese renders anywhere. */
export async function renderReceiptPdf(r: Receipt, language: Language): Promise<Uint8Array> {
  const t = receiptTexts[language];
  const doc = await PDFDocument.create();
  // Loaded on the first receipt, not at start-up: fontkit unpacks its tables when it is imported
  // (~190 ms of the kiosk's start).
  const { default: fontkit } = await import('@pdf-lib/fontkit');
  doc.registerFontkit(fontkit);
  doc.setTitle(`${t.title} ${r.code}`);
  doc.setCreationDate(new Date(r.receivedAt));
  doc.setModificationDate(new Date(r.receivedAt));
  const embed = (subset: 'vietnamese' | 'latin', weight: 400 | 700) => doc.embedFont(fontFile(subset, weight), { subset: true });
  const fonts: Fonts = {
    vi: { regular: await embed('vietnamese', 400), bold: await embed('vietnamese', 700) },
    latin: { regular: await embed('latin', 400), bold: await embed('latin', 700) },
  };
  const flow = new Flow(doc, new Typesetter(fonts));

  flow.text(r.centerName[language], 9, { bold: true, center: true });
  flow.text(t.nation, 9, { bold: true, center: true });
  flow.text(t.motto, 9, { center: true });
  flow.gap(8);
  flow.text(t.title, 13, { bold: true, center: true });
  flow.gap(6);

  const qrSize = 78;
  const top = flow.y;
  drawQr(flow.page, r.qrText, A5[0] - MARGIN - qrSize, top, qrSize);
  const textWidth = flow.width - qrSize - 10;
  flow.text(t.code, 9, { maxWidth: textWidth });
  flow.text(r.code, 14, { bold: true, maxWidth: textWidth });
  if (r.provisional) flow.text(t.provisional, 8, { bold: true, maxWidth: textWidth });
  flow.text(t.qr, 7.5, { maxWidth: textWidth });
  flow.y = Math.min(flow.y, top - qrSize) - 4;
  flow.rule();

  for (const row of receiptRows(r, language)) {
    flow.labelled(row.label, row.value, row.emphasis ? 11 : 9.5);
    flow.gap(3);
  }
  flow.rule();
  flow.text(t.documents, 10, { bold: true });
  r.documents.forEach((d, i) => flow.text(`${i + 1}. ${documentLine(d, language)}`, 9, { indent: 4 }));
  return doc.save();
}
