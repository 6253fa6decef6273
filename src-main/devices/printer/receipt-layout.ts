import type { MonoBitmap } from './mono-bitmap';
import { PaperLayout } from './paper-layout';

/** A receipt as printable lines: every text already in the citizen's language. */
export interface ReceiptPrintData {
  centerName: string;
  title: string;
  codeLabel: string;
  code: string;
  /** Shown in a box under the code when the code is provisional. */
  provisionalNote: string | null;
  qrText: string;
  qrCaption: string;
  /** Label: value rows, in order (applicant, address, request, times, delivery, terminal …). */
  rows: { label: string; value: string; emphasis?: boolean }[];
  documentsTitle: string;
  documents: string[];
  footer: string;
}

/** The long thermal receipt: code large, QR, then Form 01's rows and the document list. */
export function renderReceipt(data: ReceiptPrintData, widthDots: number): MonoBitmap {
  const paper = new PaperLayout(widthDots)
    .text(data.centerName, { size: 24, bold: true })
    .text(data.title, { size: 28, bold: true })
    .rule()
    .text(data.codeLabel, { size: 22, gapAfter: 2 })
    .text(data.code, { size: 34, bold: true, gapAfter: 6 });
  if (data.provisionalNote) paper.text(data.provisionalNote, { size: 20, bold: true });
  paper.qr(data.qrText, 200).text(data.qrCaption, { size: 20 }).rule();
  for (const row of data.rows) {
    paper.text(row.label, { size: 20, align: 'left', gapAfter: 0 });
    paper.text(row.value, { size: row.emphasis ? 28 : 24, bold: true, align: 'left', gapAfter: 8 });
  }
  paper.rule().text(data.documentsTitle, { size: 24, bold: true, align: 'left' });
  data.documents.forEach((d, i) => paper.text(`${i + 1}. ${d}`, { size: 22, align: 'left', gapAfter: 6 }));
  return paper.rule().text(data.footer, { size: 20, gapAfter: 0 }).finish();
}
