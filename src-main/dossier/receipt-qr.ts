/**
 * The text of the QR on a receipt. Placeholder until src-main/scan exports `receiptQrText(code)`
 * (the scan parsers own the receipt-QR format so that scanning it back matches); the plain code
 * is what the dossier-code parser reads today.
 */
export const receiptQrText = (code: string): string => code;
