import type { MonoBitmap } from '../devices/printer/mono-bitmap';
import { PaperLayout } from '../devices/printer/paper-layout';
import { receiptQrText } from '../scan/receipt-qr';
import type { PrinterPort } from '../devices/printer/printer-port';
import { encodeRasterJob } from '../devices/printer/raster-job';
import { provisionalDossierCode } from '../scan/dossier-code';
import { formatLocalDateTime, localDay } from '../kernel/clock';

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

/** The test page of this terminal, as of `now`, sent to `printer` (staff panel, set-up wizard). Throws what the printer threw. */
export async function printTestPage(
  printer: Pick<PrinterPort, 'send' | 'paperWidthDots'>,
  terminal: { centerName: string; terminalId: string; timeZone: string },
  now: Date,
): Promise<void> {
  const page = renderTestPage(
    {
      centerName: terminal.centerName,
      terminalId: terminal.terminalId,
      printedAtText: formatLocalDateTime(now, terminal.timeZone),
      sampleDossierCode: provisionalDossierCode(terminal.terminalId, localDay(now, terminal.timeZone), 0),
    },
    printer.paperWidthDots,
  );
  await printer.send(encodeRasterJob(page));
}
