import { PURPOSE_MAX, toPurposeText } from './vietqr';

/**
 * The transfer content of a payment: the dossier code the citizen holds on the receipt, so the
 * transfer in the center's bank statement names the dossier. Codes are ASCII already; one longer
 * than the 25 characters a VietQR purpose holds (an agency id of more than 13 characters) is
 * replaced by `TT` and the first 20 hex digits of the payment id, which the portal knows too.
 */
export function paymentReference(dossierCode: string, paymentId: string): string {
  const code = toPurposeText(dossierCode);
  if (code.length > 0 && code === dossierCode && code.length <= PURPOSE_MAX) return code;
  return `TT${paymentId.replace(/-/g, '').slice(0, 20).toUpperCase()}`;
}
