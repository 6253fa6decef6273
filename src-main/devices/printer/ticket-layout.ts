import type { MonoBitmap } from './mono-bitmap';
import { PaperLayout } from './paper-layout';

export interface TicketPrintData {
  centerName: string;
  header: string;
  serviceName: string;
  number: string;
  priorityLabel: string | null;
  issuedAtText: string;
  waitingAheadText: string;
  /** The estimated wait and how fresh the count is; absent when there is nothing honest to say. */
  waitDetailText?: string | null;
  qrText: string;
  qrCaption: string;
  footer: string;
}

/** A queue ticket: the number as large as the paper allows, then when, how many ahead, a QR. */
export function renderTicket(data: TicketPrintData, widthDots: number): MonoBitmap {
  const paper = new PaperLayout(widthDots)
    .text(data.centerName, { size: 26, bold: true })
    .text(data.header, { size: 20 })
    .rule()
    .text(data.serviceName, { size: 32, bold: true, gapAfter: 4 })
    .text(data.number, { size: 150, bold: true, gapAfter: 4 });
  if (data.priorityLabel) paper.text(data.priorityLabel, { size: 28, bold: true });
  paper.text(data.issuedAtText, { size: 24 }).text(data.waitingAheadText, { size: 26, bold: true });
  if (data.waitDetailText) paper.text(data.waitDetailText, { size: 22 });
  return paper
    .rule()
    .qr(data.qrText, 220)
    .text(data.qrCaption, { size: 20 })
    .text(data.footer, { size: 20, gapAfter: 0 })
    .finish();
}
