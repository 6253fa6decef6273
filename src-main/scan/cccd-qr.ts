import { citizenIdProblem } from '../../src-shared/citizen-id';
import { ApplicantSchema } from '../../src-shared/dossier';
import { assertToday, isoDate } from './calendar';
import { detectGarbled } from './garbled-input';
import type { CccdIdentity, ScanMessage } from '../../src-shared/scan';
import { scanMessages } from './scan-messages';

/**
 * Parses the text of the QR code on a chip-based citizen ID card (CCCD).
 *
 * Accepted forms (fields separated by `|`):
 * - 7 fields: `ID|oldID|full name|ddMMyyyy birth|Nam/Nữ|permanent address|ddMMyyyy issue`,
 *   old ID 9 digits or empty;
 * - the same followed by empty fields (newer cards: `...|04102024||||`);
 * - 6 fields without the old ID: `ID|full name|birth|sex|address|issue`.
 * NFD input is normalized to NFC; whitespace and control characters around the text (the Enter
 * a scanner appends) and around each field are ignored.
 *
 * Pure: `today` (the local day, `YYYY-MM-DD`, e.g. `localDay(clock.now(), 'Asia/Ho_Chi_Minh')`)
 * bounds the dates. Never throws on any text; throws RangeError for a malformed `today`.
 * The card's chip also holds ethnicity and religion; the QR does not, and nothing here reads them.
 */

export type CccdRejectReason =
  | 'not_cccd'
  | 'garbled'
  | 'invalid_id'
  | 'unknown_province'
  | 'invalid_date'
  | 'invalid_sex'
  | 'too_long'
  | 'field_too_long';

export type CccdParseResult =
  | { ok: true; value: CccdIdentity }
  | { ok: false; reason: CccdRejectReason; message: ScanMessage };

/** Longest text looked at. Real CCCD QR texts are about 100–250 characters. */
export const MAX_CCCD_TEXT_LENGTH = 1000;

/** The applicant schema's limits, so a card the kiosk reads is a card it can submit. */
const MAX_NAME_LENGTH = ApplicantSchema.shape.fullName.maxLength ?? 100;
const MAX_ADDRESS_LENGTH = ApplicantSchema.shape.address.maxLength ?? 250;

/** No one alive was born before this, and no card was issued before it. */
const MIN_YEAR = 1900;

const reject = (reason: CccdRejectReason): CccdParseResult => ({
  ok: false,
  reason,
  message: messageFor[reason],
});

const messageFor: Record<CccdRejectReason, ScanMessage> = {
  not_cccd: scanMessages.notCccd,
  garbled: scanMessages.garbled,
  invalid_id: scanMessages.invalidId,
  unknown_province: scanMessages.idProvince,
  invalid_date: scanMessages.invalidDate,
  invalid_sex: scanMessages.invalidSex,
  too_long: scanMessages.tooLong,
  field_too_long: scanMessages.cccdFieldTooLong,
};

/** Whitespace and controls around a scan: CR, LF, TAB, a BOM, a scanner's prefix/suffix control. */
const SURROUNDING = /^[\s\p{Cc}\p{Cf}]+|[\s\p{Cc}\p{Cf}]+$/gu;

export const trimScan = (text: string): string => text.replace(SURROUNDING, '');

const collapseSpaces = (text: string): string => text.replace(/\s+/g, ' ').trim();

export function parseCccdQr(text: string, today: string): CccdParseResult {
  assertToday(today);
  if (text.length > MAX_CCCD_TEXT_LENGTH) return reject('too_long');

  const nfc = trimScan(text).normalize('NFC');
  if (!nfc.includes('|')) return reject(looksLikeWrongSeparator(nfc) ? 'garbled' : 'not_cccd');

  const fields = nfc.split('|').map((f) => f.trim());
  while (fields.length > 0 && fields[fields.length - 1] === '') fields.pop();

  let idNumber: string, oldId: string, name: string, birth: string, sex: string, address: string, issue: string;
  if (fields.length === 7) {
    [idNumber, oldId, name, birth, sex, address, issue] = fields as [string, string, string, string, string, string, string];
  } else if (fields.length === 6) {
    [idNumber, name, birth, sex, address, issue] = fields as [string, string, string, string, string, string];
    oldId = '';
    // A 6-field text whose second field is empty or 9 digits is a 7-field text with a field missing.
    if (name === '' || /^\d{9}$/.test(name)) return reject('not_cccd');
  } else {
    return reject('not_cccd');
  }

  const idProblem = citizenIdProblem(idNumber);
  if (idProblem !== null) return reject(idProblem === 'format' ? 'invalid_id' : 'unknown_province');
  if (oldId !== '' && !/^\d{9}$/.test(oldId)) return reject('invalid_id');

  if (detectGarbled(name, 'name') || detectGarbled(address) || detectGarbled(sex, 'name')) return reject('garbled');
  const fullName = collapseSpaces(name);
  const cleanAddress = collapseSpaces(address);
  if (fullName === '' || cleanAddress === '') return reject('not_cccd');
  if (fullName.length > MAX_NAME_LENGTH || cleanAddress.length > MAX_ADDRESS_LENGTH) return reject('field_too_long');

  const birthDate = parseDdMmYyyy(birth);
  const issueDate = parseDdMmYyyy(issue);
  if (birthDate === null || issueDate === null) return reject('invalid_date');
  if (birthDate > today || issueDate > today || birthDate >= issueDate) return reject('invalid_date');

  const parsedSex = parseSex(sex);
  if (parsedSex === null) return reject('invalid_sex');

  return {
    ok: true,
    value: {
      idNumber,
      oldIdNumber: oldId === '' ? null : oldId,
      fullName,
      birthDate,
      sex: parsedSex,
      address: cleanAddress,
      issueDate,
    },
  };
}

/** `ddMMyyyy` → `YYYY-MM-DD` for an existing date from 1900 on, else null. */
function parseDdMmYyyy(text: string): string | null {
  const m = /^(\d{2})(\d{2})(\d{4})$/.exec(text);
  if (m === null) return null;
  const year = Number(m[3]);
  if (year < MIN_YEAR) return null;
  return isoDate(year, Number(m[2]), Number(m[1]));
}

function parseSex(text: string): 'male' | 'female' | null {
  const lower = text.normalize('NFC').toLowerCase();
  if (lower === 'nam') return 'male';
  if (lower === 'n\u1EEF') return 'female'; // nữ
  return null;
}

/**
 * A keyboard layout that types `|` as another character still leaves the 12-digit ID in front:
 * 12 digits, then one non-digit that splits the text into 6 or more fields. That is a CCCD
 * mangled by the scanner, not something else.
 */
function looksLikeWrongSeparator(text: string): boolean {
  const m = /^\d{12}(\D)/u.exec(text);
  if (m === null || m[1] === undefined || /[\s\p{L}\p{M}]/u.test(m[1])) return false;
  return text.split(m[1]).length >= 6;
}
