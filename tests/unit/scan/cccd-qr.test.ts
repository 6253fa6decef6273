import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { birthProvinceCodes } from '../../../src-shared/citizen-id';
import { CccdIdentitySchema } from '../../../src-shared/scan';
import { parseCccdQr } from '../../../src-main/scan/cccd-qr';
import { anyText, cccdCase, TODAY } from './arbitraries';

const sample = '001099012345|123456789|Nguyễn Văn An|01021990|Nam|12 Lý Thường Kiệt, Hoàn Kiếm, Hà Nội|04102021';

describe('CCCD QR parser', () => {
  it('reads the seven fields of a card', () => {
    expect(parseCccdQr(sample, TODAY)).toEqual({
      ok: true,
      value: {
        idNumber: '001099012345',
        oldIdNumber: '123456789',
        fullName: 'Nguyễn Văn An',
        birthDate: '1990-02-01',
        sex: 'male',
        address: '12 Lý Thường Kiệt, Hoàn Kiếm, Hà Nội',
        issueDate: '2021-10-04',
      },
    });
  });

  it('reads the newer cards with trailing empty fields and the six-field variant', () => {
    const trailing = parseCccdQr('001099012345||Trần Thị Bích|29022000|Nữ|Phường 1, Quận 3, TP. Hồ Chí Minh|04102024||||', TODAY);
    expect(trailing).toMatchObject({ ok: true, value: { oldIdNumber: null, sex: 'female', birthDate: '2000-02-29' } });
    const six = parseCccdQr('001099012345|Trần Thị Bích|29022000|Nữ|Phường 1, Quận 3|04102024', TODAY);
    expect(six).toMatchObject({ ok: true, value: { oldIdNumber: null, fullName: 'Trần Thị Bích' } });
  });

  it('accepts NFD input and gives NFC back', () => {
    const result = parseCccdQr(sample.normalize('NFD'), TODAY);
    expect(result.ok && result.value.fullName).toBe('Nguyễn Văn An'.normalize('NFC'));
  });

  it.each([
    ['an 11-digit ID', sample.replace('001099012345', '00109901234'), 'invalid_id'],
    ['letters in the ID', sample.replace('001099012345', '00109901234O'), 'invalid_id'],
    ['an 8-digit old ID', sample.replace('123456789', '12345678'), 'invalid_id'],
    ['30 February', sample.replace('01021990', '30021990'), 'invalid_date'],
    ['29 February of a common year', sample.replace('01021990', '29021991'), 'invalid_date'],
    ['a birth date after today', sample.replace('01021990', '01012027'), 'invalid_date'],
    ['issued before birth', sample.replace('04102021', '01011980'), 'invalid_date'],
    ['sex written in English', sample.replace('|Nam|', '|Male|'), 'invalid_sex'],
    ['five fields', '001099012345|Nguyễn Văn An|01021990|Nam|Hà Nội', 'not_cccd'],
    ['a question mark for a letter', sample.replace('Nguyễn', 'Nguy?n'), 'garbled'],
    ['Latin-1 mojibake', Buffer.from(sample, 'utf8').toString('latin1'), 'garbled'],
    ['the separator typed as another key', sample.replaceAll('|', '\\'), 'garbled'],
    ['10 kB', sample + '|'.repeat(10_000), 'too_long'],
    ['an ID with no province code (003)', sample.replace('001099012345', '003099012345'), 'unknown_province'],
    ['an ID past the last province code (097)', sample.replace('001099012345', '097099012345'), 'unknown_province'],
    ['an ID of twelve zeros', sample.replace('001099012345', '000000000000'), 'unknown_province'],
    ['a name of 101 letters', sample.replace('Nguyễn Văn An', `Nguyễn Văn ${'A'.repeat(90)}`), 'field_too_long'],
    ['an address of 251 characters', sample.replace('12 Lý Thường Kiệt, Hoàn Kiếm, Hà Nội', `Số 1 ${'đường '.repeat(40)}Hà Nội`), 'field_too_long'],
  ])('rejects %s', (_name, text, reason) => {
    expect(parseCccdQr(text, TODAY)).toMatchObject({ ok: false, reason });
  });

  it('takes a name of exactly 100 and an address of exactly 250 characters, as the applicant schema does', () => {
    const name = `Nguyễn Văn ${'A'.repeat(89)}`;
    const address = `Số 1 ${'đường '.repeat(40)}Hà Nộ`;
    expect([name.length, address.length]).toEqual([100, 250]);
    const result = parseCccdQr(sample.replace('Nguyễn Văn An', name).replace('12 Lý Thường Kiệt, Hoàn Kiếm, Hà Nội', address), TODAY);
    expect(result).toMatchObject({ ok: true, value: { fullName: name, address } });
  });

  it('says why an ID or a field was refused, in both languages', () => {
    const province = parseCccdQr(sample.replace('001099012345', '999099012345'), TODAY);
    expect(province).toMatchObject({ ok: false, message: { vi: expect.stringMatching(/mã tỉnh/), en: expect.stringMatching(/province code/) } });
    const long = parseCccdQr(sample.replace('Nguyễn Văn An', 'A'.repeat(120)), TODAY);
    expect(long).toMatchObject({ ok: false, message: { vi: expect.stringMatching(/100 ký tự/), en: expect.stringMatching(/up to 100/) } });
  });

  it('property: any 12 digits are read only when the first three are a province code', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{12}$/), (id) => {
        const result = parseCccdQr(sample.replace('001099012345', id), TODAY);
        const known = Object.prototype.hasOwnProperty.call(birthProvinceCodes, id.slice(0, 3)) && id !== '000000000000';
        expect(result).toMatchObject(known ? { ok: true, value: { idNumber: id } } : { ok: false, reason: 'unknown_province' });
      }),
    );
  });

  it('property: every published shape round-trips', () => {
    fc.assert(
      fc.property(cccdCase, ({ text, expected }) => {
        const result = parseCccdQr(text, TODAY);
        expect(result).toEqual({ ok: true, value: expected });
        expect(CccdIdentitySchema.safeParse(result.ok && result.value).success).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('property: mangling the ID, a date, the sex or a letter is rejected', () => {
    const mutation = fc.constantFrom('id', 'date', 'sex', 'question', 'latin1', 'windows1252', 'replacement');
    fc.assert(
      fc.property(cccdCase, mutation, fc.integer({ min: 0, max: 11 }), ({ text }, kind, at) => {
        const fields = text.split('|');
        let mutated: string;
        switch (kind) {
          case 'id':
            mutated = [(fields[0] ?? '').slice(0, at) + 'x' + (fields[0] ?? '').slice(at + 1), ...fields.slice(1)].join('|');
            break;
          case 'date':
            mutated = text.replace(/\|(\d{8})\|(Nam|Nữ)\|/, '|3$1|$2|');
            break;
          case 'sex':
            mutated = text.replace(/\|(Nam|Nữ)\|/, '|Nư|');
            break;
          case 'question':
            mutated = text.replace(/[^ -~]/, '?');
            break;
          case 'latin1':
            mutated = Buffer.from(text, 'utf8').toString('latin1');
            break;
          case 'windows1252':
            mutated = new TextDecoder('windows-1252').decode(Buffer.from(text, 'utf8'));
            break;
          case 'replacement':
            mutated = text.replace(/[^ -~]/, '\uFFFD');
            break;
          default:
            throw new Error(kind);
        }
        expect(parseCccdQr(mutated, TODAY).ok).toBe(false);
      }),
      { numRuns: 400 },
    );
  });

  it('property: never throws, and what it accepts is a valid identity', () => {
    fc.assert(
      fc.property(fc.oneof(anyText, cccdCase.map((c) => c.text)), fc.nat(40), anyText, (base, cut, insert) => {
        const text = base.slice(0, cut) + insert + base.slice(cut);
        const result = parseCccdQr(text, TODAY);
        if (result.ok) expect(CccdIdentitySchema.safeParse(result.value).success).toBe(true);
        else expect(result.message.vi.length).toBeGreaterThan(0);
      }),
      { numRuns: 1000 },
    );
  });

  it('a malformed today is a caller bug', () => {
    expect(() => parseCccdQr(sample, '2026-02-30')).toThrow(RangeError);
  });
});
