import fc from 'fast-check';
import { birthProvinceCodes } from '../../../src-shared/citizen-id';

/** Generators of valid scan texts and their expected parses, shared by the parser tests. */

export const TODAY = '2026-11-23';

const digits = (n: number) => fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: n, maxLength: n });
/** A personal ID number as cards carry it: a province code, then 9 digits. */
export const citizenIdNumber = fc.tuple(fc.constantFrom(...Object.keys(birthProvinceCodes)), digits(9)).map(([province, rest]) => province + rest);

/** A date from `from` to `to` inclusive (both `YYYY-MM-DD`), as `YYYY-MM-DD`. */
export const isoDateBetween = (from: string, to: string) =>
  fc.date({ min: new Date(`${from}T00:00:00Z`), max: new Date(`${to}T00:00:00Z`), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));

export const ddMMyyyy = (iso: string) => `${iso.slice(8, 10)}${iso.slice(5, 7)}${iso.slice(0, 4)}`;

const lower = [...'aăâbcdđeêghiklmnoôơpqrstuưvxyáàảãạắằẳẵặấầẩẫậéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ'];
const vietnameseLetter = fc.constantFrom(...lower);
/** A word with at least one letter outside ASCII, so a wrong decode always shows. */
const vietnameseWord = fc
  .tuple(fc.string({ unit: vietnameseLetter, minLength: 0, maxLength: 5 }), fc.constantFrom(...'ăâđêôơưếệọữ'), fc.string({ unit: vietnameseLetter, minLength: 0, maxLength: 4 }))
  .map(([a, b, c]) => a + b + c);
const capitalised = (w: string) => w.charAt(0).toUpperCase() + w.slice(1);

export const fullName = fc.array(vietnameseWord, { minLength: 2, maxLength: 5 }).map((ws) => ws.map(capitalised).join(' '));
export const address = fc
  .tuple(fc.integer({ min: 1, max: 999 }), fc.array(vietnameseWord, { minLength: 2, maxLength: 8 }))
  .map(([n, ws]) => `${n}/${n + 1} ${ws.map(capitalised).join(' ')}, ${capitalised(ws[0] ?? 'hà')}`);

export interface CccdCase {
  text: string;
  expected: {
    idNumber: string;
    oldIdNumber: string | null;
    fullName: string;
    birthDate: string;
    sex: 'male' | 'female';
    address: string;
    issueDate: string;
  };
}

/** A CCCD QR text in one of its published shapes, with the identity it holds. */
export const cccdCase: fc.Arbitrary<CccdCase> = fc
  .record({
    idNumber: citizenIdNumber,
    oldId: fc.option(digits(9), { nil: null }),
    fullName,
    birthDate: isoDateBetween('1900-01-01', '2026-11-21'),
    sex: fc.constantFrom<'male' | 'female'>('male', 'female'),
    address,
    issueOffsetDays: fc.integer({ min: 1, max: 60_000 }),
    shape: fc.constantFrom('seven', 'seven-trailing', 'six'),
    trailing: fc.integer({ min: 1, max: 4 }),
    suffix: fc.constantFrom('', '\r', '\n', '\r\n'),
  })
  .map((r) => {
    const birth = new Date(`${r.birthDate}T00:00:00Z`);
    const issue = new Date(Math.min(birth.getTime() + r.issueOffsetDays * 86_400_000, Date.parse(`${TODAY}T00:00:00Z`)));
    const issueDate = issue.toISOString().slice(0, 10);
    const sexText = r.sex === 'male' ? 'Nam' : 'Nữ';
    const tail = [r.fullName, ddMMyyyy(r.birthDate), sexText, r.address, ddMMyyyy(issueDate)];
    const oldIdNumber = r.shape === 'six' ? null : r.oldId;
    const fields = r.shape === 'six' ? [r.idNumber, ...tail] : [r.idNumber, r.oldId ?? '', ...tail];
    const text = fields.join('|') + (r.shape === 'seven-trailing' ? '|'.repeat(r.trailing) : '') + r.suffix;
    return {
      text,
      expected: { idNumber: r.idNumber, oldIdNumber, fullName: r.fullName, birthDate: r.birthDate, sex: r.sex, address: r.address, issueDate },
    };
  })
  .filter((c) => c.expected.birthDate < c.expected.issueDate);

export const agency = fc.string({ unit: fc.constantFrom(...'0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ.'), minLength: 1, maxLength: 35 });
export const terminal = fc
  .array(fc.string({ unit: fc.constantFrom(...'0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ'), minLength: 1, maxLength: 8 }), { minLength: 1, maxLength: 3 })
  .map((parts) => parts.join('-'));
export const codeDate = isoDateBetween('2000-01-01', '2026-11-24');
export const sequence = fc.integer({ min: 0, max: 9999 });

/** Any string, including lone surrogates and controls. */
export const anyText = fc.oneof(fc.string({ unit: 'binary', maxLength: 300 }), fc.string({ unit: 'grapheme', maxLength: 300 }), fc.string({ maxLength: 300 }));
