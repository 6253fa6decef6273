import type { FormField, Procedure } from '../../src-shared/catalog';
import { citizenIdMessages, citizenIdProblem } from '../../src-shared/citizen-id';
import type { DossierDraft, DraftProblem } from '../../src-shared/dossier';
import { toStoredText } from '../../src-shared/text';

type Text = { vi: string; en: string };

/** The draft as it will be stored: NFC, trimmed, phone in 0xxxxxxxxx form, empty as null. */
export interface CleanDraft {
  applicant: { fullName: string; idNumber: string; birthDate: string | null; sex: 'male' | 'female' | null; address: string };
  representative: { fullName: string; idNumber: string; relation: string } | null;
  phone: string | null;
  email: string | null;
  formValues: Record<string, string>;
  postalAddress: string | null;
}

const clean = (s: string): string => toStoredText(s).replace(/\s+/g, ' ').trim();
const orNull = (s: string | null): string | null => (s === null || clean(s) === '' ? null : clean(s));

/** Vietnamese mobile numbers: 10 digits starting 03/05/07/08/09; +84 and 84 prefixes accepted. */
export function normalizeVietnamesePhone(raw: string): string | null {
  const digits = raw.replace(/[\s.\-()]/g, '').replace(/^\+?84(?=[35789]\d{8}$)/, '0');
  return /^0[35789]\d{8}$/.test(digits) ? digits : null;
}

const EMAIL = /^[^\s@]{1,64}@[^\s@.]+(\.[^\s@.]+)+$/;

export function isExistingDate(day: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return false;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return date.toISOString().slice(0, 10) === day && Number(m[1]) >= 1000;
}

const M = {
  notSubmittable: { vi: 'Thủ tục này không nhận hồ sơ tại ki-ốt. Vui lòng liên hệ quầy tiếp nhận.', en: 'This procedure does not take dossiers at the kiosk. Please go to the counter.' },
  nameMissing: { vi: 'Vui lòng nhập họ và tên.', en: 'Please enter the full name.' },
  nameDigits: { vi: 'Họ và tên không được chứa chữ số.', en: 'The full name must not contain digits.' },
  idMissing: { vi: 'Vui lòng nhập số định danh cá nhân (12 chữ số).', en: 'Please enter the personal ID number (12 digits).' },
  birthDate: { vi: 'Ngày sinh không hợp lệ.', en: 'The birth date is not a valid date.' },
  birthFuture: { vi: 'Ngày sinh không thể ở tương lai.', en: 'The birth date cannot be in the future.' },
  addressMissing: { vi: 'Vui lòng nhập địa chỉ thường trú.', en: 'Please enter the permanent address.' },
  repSame: { vi: 'Người được ủy quyền phải là người khác với người đứng tên hồ sơ.', en: 'The representative must be someone other than the applicant.' },
  repRelation: { vi: 'Vui lòng ghi rõ quan hệ hoặc giấy ủy quyền.', en: 'Please say how you represent the applicant (relation or authorisation).' },
  phone: { vi: 'Số điện thoại di động không hợp lệ (10 chữ số, bắt đầu bằng 03, 05, 07, 08 hoặc 09).', en: 'The mobile number is not valid (10 digits starting with 03, 05, 07, 08 or 09).' },
  email: { vi: 'Địa chỉ email không hợp lệ.', en: 'The email address is not valid.' },
  required: (label: Text): Text => ({ vi: `Vui lòng điền “${label.vi}”.`, en: `Please fill in “${label.en}”.` }),
  tooLong: (label: Text, n: number): Text => ({ vi: `“${label.vi}” dài quá ${n} ký tự.`, en: `“${label.en}” is longer than ${n} characters.` }),
  badFormat: (label: Text): Text => ({ vi: `“${label.vi}” chưa đúng định dạng.`, en: `“${label.en}” is not in the expected format.` }),
  notANumber: (label: Text): Text => ({ vi: `“${label.vi}” phải là một số.`, en: `“${label.en}” must be a number.` }),
  notAnOption: (label: Text): Text => ({ vi: `Vui lòng chọn một mục trong danh sách cho “${label.vi}”.`, en: `Please pick one of the listed choices for “${label.en}”.` }),
  notAsked: { vi: 'Thủ tục này không yêu cầu thông tin này.', en: 'This procedure does not ask for this information.' },
  docUnknown: { vi: 'Giấy tờ này không thuộc thành phần hồ sơ của thủ tục.', en: 'This document is not one the procedure asks for.' },
  docTwice: { vi: 'Giấy tờ này được khai hai lần.', en: 'This document is listed twice.' },
  docMissing: (name: Text): Text => ({ vi: `Còn thiếu giấy tờ bắt buộc: ${name.vi}.`, en: `A required document is missing: ${name.en}.` }),
  docPaperOnly: (name: Text): Text => ({ vi: `${name.vi}: phải nộp bản giấy tại quầy, không nhận bản quét.`, en: `${name.en}: bring the paper to the counter; a scan is not accepted.` }),
  docMustScan: (name: Text): Text => ({ vi: `${name.vi}: thủ tục trực tuyến toàn trình cần bản quét của giấy tờ này.`, en: `${name.en}: this fully online procedure needs a scan of this document.` }),
  pageMissing: { vi: 'Một trang đã quét không còn trên ki-ốt. Vui lòng quét lại giấy tờ này.', en: 'A scanned page is no longer on the kiosk. Please scan this document again.' },
  deliveryNotOffered: { vi: 'Thủ tục này không trả kết quả theo cách đã chọn.', en: 'This procedure does not return results that way.' },
  postalMissing: { vi: 'Vui lòng nhập địa chỉ nhận kết quả qua bưu điện.', en: 'Please enter the address for the result to be posted to.' },
  emailForElectronic: { vi: 'Nhận kết quả điện tử cần có địa chỉ email.', en: 'An email address is needed to receive the result electronically.' },
} as const;

function checkField(field: FormField, value: string): Text | null {
  if (value === '') return field.required ? M.required(field.label) : null;
  if (field.maxLength !== undefined && value.length > field.maxLength) return M.tooLong(field.label, field.maxLength);
  switch (field.type) {
    case 'number':
      if (!/^\d{1,15}([.,]\d{1,6})?$/.test(value)) return M.notANumber(field.label);
      break;
    case 'date':
      if (!isExistingDate(value)) return M.badFormat(field.label);
      break;
    case 'select':
      if (!(field.options ?? []).some((o) => o.value === value)) return M.notAnOption(field.label);
      break;
    case 'phone':
      if (normalizeVietnamesePhone(value) === null) return M.phone;
      break;
    case 'email':
      if (!EMAIL.test(value)) return M.email;
      break;
    case 'id-number':
      if (citizenIdProblem(value) !== null) return idMessage(value);
      break;
    case 'text':
    case 'textarea':
      break;
  }
  if (field.pattern !== undefined && !safeTest(field.pattern, value)) return M.badFormat(field.label);
  return null;
}

/** The words for an ID number that citizenIdProblem refused (12 digits, or the province code). */
const idMessage = (value: string): Text => citizenIdMessages[citizenIdProblem(value) ?? 'format'];

function safeTest(pattern: string, value: string): boolean {
  try {
    return new RegExp(pattern, 'u').test(value);
  } catch {
    // A catalog pattern that does not compile must not lock citizens out of the procedure.
    return true;
  }
}

/**
 * Checks a draft against its procedure's form schema and required documents. `hasPage` says
 * whether a staged page exists. Returns every problem, each tied to the field it concerns.
 */
export function validateDraft(
  draft: DossierDraft,
  procedure: Procedure,
  today: string,
  hasPage: (pageId: string) => boolean,
): { problems: DraftProblem[]; clean: CleanDraft } {
  const problems: DraftProblem[] = [];
  const add = (path: string, message: Text) => problems.push({ path, message });

  if (procedure.level === 'information') add('procedureCode', M.notSubmittable);

  const a = draft.applicant;
  const applicant = {
    fullName: clean(a.fullName),
    idNumber: a.idNumber.replace(/\s/g, ''),
    birthDate: a.birthDate,
    sex: a.sex,
    address: clean(a.address),
  };
  if (applicant.fullName === '') add('applicant.fullName', M.nameMissing);
  else if (/\d/.test(applicant.fullName)) add('applicant.fullName', M.nameDigits);
  if (applicant.idNumber === '') add('applicant.idNumber', M.idMissing);
  else if (citizenIdProblem(applicant.idNumber) !== null) add('applicant.idNumber', idMessage(applicant.idNumber));
  if (applicant.birthDate !== null) {
    if (!isExistingDate(applicant.birthDate) || applicant.birthDate < '1890-01-01') add('applicant.birthDate', M.birthDate);
    else if (applicant.birthDate > today) add('applicant.birthDate', M.birthFuture);
  }
  if (applicant.address === '') add('applicant.address', M.addressMissing);

  let representative: CleanDraft['representative'] = null;
  if (draft.representative) {
    const r = draft.representative;
    representative = { fullName: clean(r.fullName), idNumber: r.idNumber.replace(/\s/g, ''), relation: clean(r.relation) };
    if (representative.fullName === '') add('representative.fullName', M.nameMissing);
    else if (/\d/.test(representative.fullName)) add('representative.fullName', M.nameDigits);
    if (representative.idNumber === '') add('representative.idNumber', M.idMissing);
    else if (citizenIdProblem(representative.idNumber) !== null) add('representative.idNumber', idMessage(representative.idNumber));
    else if (representative.idNumber === applicant.idNumber) add('representative.idNumber', M.repSame);
    if (representative.relation === '') add('representative.relation', M.repRelation);
  }

  const phoneRaw = orNull(draft.contact.phone);
  const phone = phoneRaw === null ? null : normalizeVietnamesePhone(phoneRaw);
  if (phoneRaw !== null && phone === null) add('contact.phone', M.phone);
  const email = orNull(draft.contact.email)?.toLowerCase() ?? null;
  if (email !== null && !EMAIL.test(email)) add('contact.email', M.email);

  const formValues: Record<string, string> = {};
  const fields = new Map(procedure.formFields.map((f) => [f.id, f]));
  for (const key of Object.keys(draft.formValues)) if (!fields.has(key)) add(`formValues.${key}`, M.notAsked);
  for (const field of procedure.formFields) {
    const value = clean(draft.formValues[field.id] ?? '');
    const problem = checkField(field, value);
    if (problem) add(`formValues.${field.id}`, problem);
    if (value !== '') formValues[field.id] = field.type === 'phone' ? (normalizeVietnamesePhone(value) ?? value) : value;
  }

  const seen = new Set<string>();
  const required = new Map(procedure.documents.map((d) => [d.id, d]));
  draft.documents.forEach((d, i) => {
    const spec = required.get(d.documentId);
    if (!spec) return add(`documents.${i}`, M.docUnknown);
    if (seen.has(d.documentId)) return add(`documents.${i}`, M.docTwice);
    seen.add(d.documentId);
    if (d.kind === 'scanned') {
      if (!spec.acceptScan) add(`documents.${i}`, M.docPaperOnly(spec.name));
      else if (!d.pageIds.every(hasPage) || new Set(d.pageIds).size !== d.pageIds.length) add(`documents.${i}`, M.pageMissing);
    } else if (spec.acceptScan && procedure.level === 'fully_online') add(`documents.${i}`, M.docMustScan(spec.name));
  });
  for (const spec of procedure.documents) {
    if (spec.mandatory && !seen.has(spec.id)) add(`documents.${spec.id}`, M.docMissing(spec.name));
  }

  const postalAddress = orNull(draft.delivery.postalAddress);
  if (!procedure.delivery.includes(draft.delivery.method)) add('delivery.method', M.deliveryNotOffered);
  if (draft.delivery.method === 'post' && postalAddress === null) add('delivery.postalAddress', M.postalMissing);
  if (draft.delivery.method === 'electronic' && email === null) add('contact.email', M.emailForElectronic);

  return {
    problems,
    clean: {
      applicant,
      representative,
      phone,
      email,
      formValues,
      postalAddress: draft.delivery.method === 'post' ? postalAddress : null,
    },
  };
}
