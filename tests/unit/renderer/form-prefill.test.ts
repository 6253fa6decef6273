import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assetsDir } from '../../../src-main/app/paths';
import { validateDraft } from '../../../src-main/dossier/draft-validation';
import { parseCccdQr } from '../../../src-main/scan/cccd-qr';
import { buildDraft, initialJourney, journeyReducer, type JourneyAction } from '../../../src-renderer/dossier/journey';
import { sexOptionValue } from '../../../src-renderer/dossier/sex-option';
import type { ProcedureDetail } from '../../../src-shared/catalog';
import type { CccdIdentity } from '../../../src-shared/scan';

/*
 * Every prefilled field of every demo form, with the demo card: what the form shows is what the
 * card says, in the citizen's formats (dates dd/mm/yyyy, the hint's order), and the core's own
 * validation of the draft accepts every one of them — "Giới tính" included.
 */

const catalog = JSON.parse(readFileSync(join(assetsDir(), 'demo-catalog.json'), 'utf8')) as {
  procedures: Omit<ProcedureDetail, 'fieldName' | 'agencyName'>[];
};
const withPrefill = catalog.procedures
  .filter((p) => p.formFields.some((f) => f.prefill !== undefined))
  .map((p): ProcedureDetail => ({ ...p, fieldName: { vi: 'x', en: 'x' }, agencyName: { vi: 'y', en: 'y' } }));
const TODAY = '2026-12-06';
const SESSION = '6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b';

const card = (text: string): CccdIdentity => {
  const parsed = parseCccdQr(text, TODAY);
  if (!parsed.ok) throw new Error(`not a card: ${text}`);
  return parsed.value;
};
/** The demo card of the issue (a leap-day birth) and a woman's card. */
const CARDS = {
  man: card('001088012345|123456789|Trần Văn Bình|29021988|Nam|Số 5 phố Tràng Tiền, Hoàn Kiếm, Hà Nội|04102021'),
  woman: card('001190012345||Nguyễn Thị Thu Hương|17051990|Nữ|Số 12 ngõ 34 phố Đội Cấn, Hà Nội|04102021'),
};

function formAfterCard(procedure: ProcedureDetail, identity: CccdIdentity) {
  const actions: JourneyAction[] = [
    { type: 'sessionBegun', sessionId: SESSION },
    { type: 'cccdScanned', identity },
    { type: 'goto', step: 'form' },
  ];
  return actions.reduce(journeyReducer(procedure), initialJourney(procedure));
}

describe('the form prefilled from the card', () => {
  it('covers the marriage-status form, with its sex select and birth date', () => {
    const marriage = withPrefill.find((p) => p.code === '1.004873');
    expect(marriage?.formFields.map((f) => f.prefill).filter(Boolean)).toEqual(
      expect.arrayContaining(['cccd.fullName', 'cccd.idNumber', 'cccd.birthDate', 'cccd.sex', 'cccd.address']),
    );
    const state = formAfterCard(marriage as ProcedureDetail, CARDS.man);
    expect(state.formValues).toMatchObject({ applicantSex: 'Nam', applicantBirthDate: '29/02/1988' });
  });

  for (const [who, identity] of Object.entries(CARDS)) {
    it(`fills every prefilled field of every demo form from the ${who}'s card, shown as the citizen writes it, and the core accepts each`, () => {
      expect(withPrefill.length).toBeGreaterThan(10);
      for (const procedure of withPrefill) {
        const state = formAfterCard(procedure, identity);
        const draft = buildDraft(state, procedure, 'vi');
        if (!draft) throw new Error('no draft');
        const { problems } = validateDraft(draft, procedure, TODAY, () => true);
        for (const field of procedure.formFields.filter((f) => f.prefill !== undefined)) {
          const shown = state.formValues[field.id];
          const where = `${procedure.code} ${field.id}`;
          expect(shown, where).toBe(
            ((): string => {
              switch (field.prefill) {
                case 'cccd.fullName':
                  return identity.fullName;
                case 'cccd.idNumber':
                  return identity.idNumber;
                case 'cccd.birthDate':
                  return `${identity.birthDate.slice(8, 10)}/${identity.birthDate.slice(5, 7)}/${identity.birthDate.slice(0, 4)}`;
                case 'cccd.sex':
                  return identity.sex === 'male' ? 'Nam' : 'Nữ';
                case 'cccd.address':
                  return identity.address;
                default:
                  throw new Error(`unexpected prefill ${String(field.prefill)}`);
              }
            })(),
          );
          // The draft sends the date as the core stores it.
          if (field.type === 'date') expect(draft.formValues[field.id], where).toBe(identity.birthDate);
          expect(problems.filter((p) => p.path === `formValues.${field.id}`), where).toEqual([]);
        }
      }
    });
  }

  it('shows any card birth date dd/mm/yyyy and sends it back unchanged', () => {
    const marriage = withPrefill.find((p) => p.code === '1.004873') as ProcedureDetail;
    fc.assert(
      fc.property(fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2020-12-31T00:00:00Z'), noInvalidDate: true }), (d) => {
        const iso = d.toISOString().slice(0, 10);
        const state = formAfterCard(marriage, { ...CARDS.woman, birthDate: iso });
        expect(state.formValues['applicantBirthDate']).toMatch(/^\d{2}\/\d{2}\/\d{4}$/);
        expect(buildDraft(state, marriage, 'en')?.formValues['applicantBirthDate']).toBe(iso);
      }),
    );
  });

  it('finds the sex option whatever words a catalog uses, and none when it offers no match', () => {
    const field = (values: [string, string, string][]) => ({ options: values.map(([value, vi, en]) => ({ value, label: { vi, en } })) });
    expect(sexOptionValue(field([['1', 'Nam', 'Male'], ['2', 'Nữ', 'Female']]), 'female')).toBe('2');
    expect(sexOptionValue(field([['M', 'Nam', 'Male'], ['F', 'Nữ', 'Female']]), 'male')).toBe('M');
    // Decomposed marks (NFD) in a catalog still read as Nữ.
    expect(sexOptionValue(field([['a', 'Nam', 'Man'], ['b', 'Nữ'.normalize('NFD'), 'Woman']]), 'female')).toBe('b');
    expect(sexOptionValue(field([['x', 'Khác', 'Other']]), 'male')).toBe('');
    expect(sexOptionValue(field([['1', 'Nam', 'Male']]), null)).toBe('');
  });
});
