import type { MonoBitmap } from '../devices/printer/mono-bitmap';
import { PaperLayout } from '../devices/printer/paper-layout';
import { assertNever } from '../../src-shared/assert-never';
import type { ReportLine } from './day-report-texts';

/** The day report on the ticket printer's roll: one figure a line, sections under bold headings. */
export function renderDayReportPaper(lines: readonly ReportLine[], footer: string, widthDots: number): MonoBitmap {
  const paper = new PaperLayout(widthDots);
  for (const line of lines) {
    switch (line.kind) {
      case 'title':
        paper.text(line.text, { size: 30, bold: true });
        break;
      case 'subtitle':
        paper.text(line.text, { size: 22, gapAfter: 4 });
        break;
      case 'heading':
        paper.rule().text(line.text, { size: 24, bold: true, align: 'left', gapAfter: 4 });
        break;
      case 'row':
        paper.text(`${line.label}: ${line.value}`, { size: 22, align: 'left', gapAfter: 2 });
        break;
      case 'note':
        paper.text(line.text, { size: 20, align: 'left', gapAfter: 4 });
        break;
      default:
        assertNever(line);
    }
  }
  return paper.rule().text(footer, { size: 20 }).finish();
}
