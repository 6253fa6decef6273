import type { MonoBitmap } from '../devices/printer/mono-bitmap';
import { PaperLayout } from '../devices/printer/paper-layout';
import { receiptQrText } from '../scan/receipt-qr';

export interface TestPageData {
  centerName: string;
  terminalId: string;
  printedAtText: string;
  /** A sample code; its QR lets staff check the scanner reads our receipts. */
  sampleDossierCode: string;
}

/** A short page that shows the printer, its fonts (Vietnamese letters) and a receipt QR work. */
export function renderTestPage(data: TestPageData, widthDots: number): MonoBitmap {
  return new PaperLayout(widthDots)
    .text(data.centerName, { size: 24, bold: true })
    .text('TRANG IN THỬ — TEST PAGE', { size: 30, bold: true })
    .rule()
    .text(`${data.terminalId} · ${data.printedAtText} · ${widthDots} dots`, { size: 20 })
    .text('Ư Ơ Ă Â Đ ê ô ư ạ ả ã ế ề ể ễ ệ ự ữ ỹ', { size: 24 })
    .qr(receiptQrText(data.sampleDossierCode), 160)
    .text(data.sampleDossierCode, { size: 20, gapAfter: 0 })
    .finish();
}
