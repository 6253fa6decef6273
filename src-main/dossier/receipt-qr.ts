/** The receipt's QR text is the scan parsers' format (MOTCUA1 with a check), so a scan reads it back. */
export { receiptQrText } from '../scan/receipt-qr';
