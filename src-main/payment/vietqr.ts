import { crc16Hex } from '../scan/crc16';

/**
 * The VietQR (NAPAS 247) payload: an EMVCo merchant-presented QR of TLV fields `IDLLvalue`
 * (DOMAIN.md). Banking apps read the receiving account, the amount and the transfer content from
 * it, so the citizen only confirms. Pure: the same inputs always give the same text.
 */

/** NAPAS's application id and the service code for a transfer to an account (not a card). */
const NAPAS_GUID = 'A000000727';
const TO_ACCOUNT = 'QRIBFTTA';
const CURRENCY_VND = '704';
const COUNTRY = 'VN';
/** EMVCo: the purpose of transaction (62/08) holds at most 25 characters. */
export const PURPOSE_MAX = 25;
/** EMVCo: the amount (54) holds at most 13 characters. */
const AMOUNT_MAX = 9_999_999_999_999;

export interface VietQrInput {
  /** The bank's 6-digit BIN (e.g. 970436 Vietcombank). */
  readonly bankBin: string;
  /** The receiving account number as the bank prints it. */
  readonly accountNumber: string;
  /** Whole đồng; absent for a static QR where the payer types the amount. */
  readonly amountVnd?: number;
  /** Transfer content: printable ASCII, at most 25 characters (see `toPurposeText`). */
  readonly purpose?: string;
}

export class VietQrError extends Error {}

const field = (id: string, value: string): string => {
  if (value.length > 99) throw new VietQrError(`field ${id} is ${value.length} characters long; a field holds at most 99`);
  return `${id}${String(value.length).padStart(2, '0')}${value}`;
};

const PRINTABLE_ASCII = /^[\x20-\x7E]*$/;

/** Builds the payload, CRC included; refuses what a banking app would misread rather than guess. */
export function encodeVietQr(input: VietQrInput): string {
  const { bankBin, accountNumber, amountVnd, purpose } = input;
  if (!/^\d{6}$/.test(bankBin)) throw new VietQrError('the bank BIN must be 6 digits');
  if (!/^[0-9A-Za-z]{1,19}$/.test(accountNumber)) throw new VietQrError('the account number must be 1 to 19 letters or digits');
  if (amountVnd !== undefined && (!Number.isSafeInteger(amountVnd) || amountVnd < 1 || amountVnd > AMOUNT_MAX)) {
    throw new VietQrError('the amount must be a whole number of đồng from 1 to 13 digits');
  }
  if (purpose !== undefined && (purpose.length > PURPOSE_MAX || !PRINTABLE_ASCII.test(purpose))) {
    throw new VietQrError(`the transfer content must be printable ASCII of at most ${PURPOSE_MAX} characters`);
  }
  const beneficiary = field('00', bankBin) + field('01', accountNumber);
  const merchant = field('00', NAPAS_GUID) + field('01', beneficiary) + field('02', TO_ACCOUNT);
  const body =
    field('00', '01') +
    // 12: dynamic, for this one payment (with its amount); 11: static, reusable.
    field('01', amountVnd === undefined ? '11' : '12') +
    field('38', merchant) +
    field('53', CURRENCY_VND) +
    (amountVnd === undefined ? '' : field('54', String(amountVnd))) +
    field('58', COUNTRY) +
    (purpose ? field('62', field('08', purpose)) : '') +
    '6304';
  return body + crc16Hex(body);
}

/**
 * Transfer content from any text: Vietnamese letters without their marks (đ → d), other
 * characters outside printable ASCII dropped, spaces collapsed, cut to 25 characters. Banking
 * apps show and forward only this much, and some refuse anything else.
 */
export function toPurposeText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[^\x20-\x7E]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, PURPOSE_MAX)
    .trim();
}

export interface TlvField {
  readonly id: string;
  readonly value: string;
}

/** Splits `IDLLvalue…` into its fields; throws on a length that runs past the end. */
export function parseTlv(text: string): TlvField[] {
  const out: TlvField[] = [];
  let at = 0;
  while (at < text.length) {
    const head = text.slice(at, at + 4);
    if (!/^\d{4}$/.test(head)) throw new VietQrError(`no field header at position ${at}`);
    const length = Number(head.slice(2));
    const value = text.slice(at + 4, at + 4 + length);
    if (value.length !== length) throw new VietQrError(`field ${head.slice(0, 2)} runs past the end`);
    out.push({ id: head.slice(0, 2), value });
    at += 4 + length;
  }
  return out;
}

export interface DecodedVietQr {
  readonly crcValid: boolean;
  readonly dynamic: boolean;
  readonly bankBin: string | null;
  readonly accountNumber: string | null;
  readonly service: string | null;
  readonly currency: string | null;
  readonly amountVnd: number | null;
  readonly country: string | null;
  readonly purpose: string | null;
}

/** Reads a payload back (tests, staff diagnostics): what a banking app would see. */
export function decodeVietQr(payload: string): DecodedVietQr {
  const crcValid = payload.length > 4 && crc16Hex(payload.slice(0, -4)) === payload.slice(-4);
  const top = new Map(parseTlv(payload).map((f) => [f.id, f.value]));
  const merchant = new Map(parseTlv(top.get('38') ?? '').map((f) => [f.id, f.value]));
  const beneficiary = new Map(parseTlv(merchant.get('01') ?? '').map((f) => [f.id, f.value]));
  const extra = new Map(parseTlv(top.get('62') ?? '').map((f) => [f.id, f.value]));
  const amount = top.get('54');
  return {
    crcValid,
    dynamic: top.get('01') === '12',
    bankBin: beneficiary.get('00') ?? null,
    accountNumber: beneficiary.get('01') ?? null,
    service: merchant.get('02') ?? null,
    currency: top.get('53') ?? null,
    amountVnd: amount === undefined ? null : Number(amount),
    country: top.get('58') ?? null,
    purpose: extra.get('08') ?? null,
  };
}
