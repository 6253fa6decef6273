import { PDFDocument, rgb } from 'pdf-lib';
import { fontFile, type Fonts, Typesetter } from '../dossier/receipt-pdf';
import { assertNever } from '../../src-shared/assert-never';
import type { ReportLine } from './day-report-texts';

const A4: [number, number] = [595.28, 841.89];
const MARGIN = 56;
const VALUE_COLUMN = 330;

/** The day report on A4 for the center's files, Noto Sans embedded (as the receipt) so Vietnamese renders anywhere. */
export async function renderDayReportPdf(lines: readonly ReportLine[], title: string, generatedAt: Date): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const { default: fontkit } = await import('@pdf-lib/fontkit');
  doc.registerFontkit(fontkit);
  doc.setTitle(title);
  doc.setCreationDate(generatedAt);
  doc.setModificationDate(generatedAt);
  const embed = (subset: 'vietnamese' | 'latin', weight: 400 | 700) => doc.embedFont(fontFile(subset, weight), { subset: true });
  const fonts: Fonts = {
    vi: { regular: await embed('vietnamese', 400), bold: await embed('vietnamese', 700) },
    latin: { regular: await embed('latin', 400), bold: await embed('latin', 700) },
  };
  const ts = new Typesetter(fonts);
  let page = doc.addPage(A4);
  let y = A4[1] - MARGIN;
  const width = A4[0] - 2 * MARGIN;
  const advance = (height: number) => {
    if (y - height < MARGIN) {
      page = doc.addPage(A4);
      y = A4[1] - MARGIN;
    }
    y -= height;
  };
  const centered = (text: string, size: number, bold: boolean) => {
    for (const line of ts.wrap(text, width, size, bold)) {
      advance(size * 1.35);
      ts.draw(page, line, MARGIN + (width - ts.width(line, size, bold)) / 2, y, size, bold);
    }
  };

  for (const line of lines) {
    switch (line.kind) {
      case 'title':
        advance(6);
        centered(line.text, 18, true);
        break;
      case 'subtitle':
        centered(line.text, 11, false);
        break;
      case 'heading':
        advance(14);
        page.drawLine({ start: { x: MARGIN, y }, end: { x: A4[0] - MARGIN, y }, thickness: 0.6, color: rgb(0.4, 0.4, 0.4) });
        advance(16);
        ts.draw(page, line.text, MARGIN, y, 12.5, true);
        advance(4);
        break;
      case 'row': {
        const labels = ts.wrap(line.label, VALUE_COLUMN - MARGIN - 12, 11, false);
        const values = ts.wrap(line.value, A4[0] - MARGIN - VALUE_COLUMN, 11, true);
        for (let i = 0; i < Math.max(labels.length, values.length); i++) {
          advance(15);
          ts.draw(page, labels[i] ?? '', MARGIN + 8, y, 11, false);
          ts.draw(page, values[i] ?? '', VALUE_COLUMN, y, 11, true);
        }
        break;
      }
      case 'note':
        advance(6);
        for (const text of ts.wrap(line.text, width - 8, 10.5, false)) {
          advance(14);
          ts.draw(page, text, MARGIN + 8, y, 10.5, false);
        }
        break;
      default:
        assertNever(line);
    }
  }
  return doc.save();
}
