import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assetsDir } from '../../../src-main/app/paths';
import { buildDraft, initialJourney, journeyReducer, nextStep, problemsOfStep, type JourneyAction, type JourneyState } from '../../../src-renderer/dossier/journey';
import { applyCase, caseForPattern } from '../../../src-renderer/dossier/letter-case';
import { parseTypedDate } from '../../../src-renderer/dossier/typed-date';
import type { ProcedureDetail } from '../../../src-shared/catalog';
import { DossierDraftSchema } from '../../../src-shared/dossier';

const catalog = JSON.parse(readFileSync(join(assetsDir(), 'demo-catalog.json'), 'utf8')) as { procedures: Omit<ProcedureDetail, 'fieldName' | 'agencyName'>[] };
const detail = (code: string): ProcedureDetail => {
  const p = catalog.procedures.find((x) => x.code === code);
  if (!p) throw new Error(code);
  return { ...p, fieldName: { vi: 'x', en: 'x' }, agencyName: { vi: 'y', en: 'y' } };
};
const LAND = detail('1.012790');
const SESSION = '6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b';
const identity = {
  idNumber: '001190012345',
  oldIdNumber: null,
  fullName: 'Nguyễn Thị Thu Hương',
  birthDate: '1990-05-17',
  sex: 'female' as const,
  address: 'Số 12 ngõ 34 phố Đội Cấn, Hà Nội',
  issueDate: '2021-10-04',
};
const page = (n: number) => ({ pageId: `00000000-0000-4000-8000-00000000000${n}`, thumbnail: 'data:image/png;base64,AA', byteSize: 10 });

function play(procedure: ProcedureDetail, actions: JourneyAction[]): JourneyState {
  return actions.reduce(journeyReducer(procedure), initialJourney(procedure));
}

describe('the dossier journey state', () => {
  it('prefills the form and the postal address from the scanned card, and marks the source', () => {
    const s = play(LAND, [
      { type: 'sessionBegun', sessionId: SESSION },
      { type: 'cccdScanned', identity },
      { type: 'setText', path: 'contact.phone', value: '0912345678' },
      { type: 'goto', step: 'form' },
      { type: 'goto', step: 'documents' },
      { type: 'goto', step: 'delivery' },
    ]);
    expect(s.source).toBe('cccd_qr');
    expect(s.formValues).toMatchObject({ applicantName: identity.fullName, applicantIdNumber: identity.idNumber, applicantAddress: identity.address, phone: '0912345678' });
    expect(s.delivery.postalAddress).toBe(identity.address);
  });

  it('an edit of a scanned identity makes it typed, and editing a field clears its problem only', () => {
    const s = play(LAND, [
      { type: 'sessionBegun', sessionId: SESSION },
      { type: 'cccdScanned', identity },
      {
        type: 'problems',
        problems: [
          { path: 'applicant.fullName', message: { vi: 'a', en: 'a' } },
          { path: 'contact.phone', message: { vi: 'b', en: 'b' } },
        ],
      },
      { type: 'setText', path: 'applicant.fullName', value: 'Nguyễn Thị Hương' },
    ]);
    expect(s.source).toBe('typed');
    expect(s.problems.map((p) => p.path)).toEqual(['contact.phone']);
  });

  it('starts paper-only documents as paper, keeps scanned pages in order and forgets a deleted one', () => {
    const s = play(LAND, [
      { type: 'sessionBegun', sessionId: SESSION },
      { type: 'pagesAdded', documentId: 'don-de-nghi-dinh-chinh', pages: [page(1), page(2)] },
      { type: 'pagesAdded', documentId: 'don-de-nghi-dinh-chinh', pages: [page(3)] },
      { type: 'pageRemoved', documentId: 'don-de-nghi-dinh-chinh', pageId: page(2).pageId },
      { type: 'pagesAdded', documentId: 'giay-to-chung-minh-sai-sot', pages: [page(4)] },
      { type: 'pageRemoved', documentId: 'giay-to-chung-minh-sai-sot', pageId: page(4).pageId },
    ]);
    const draft = buildDraft(s, LAND, 'vi');
    expect(draft?.documents).toEqual([
      { documentId: 'don-de-nghi-dinh-chinh', kind: 'scanned', pageIds: [page(1).pageId, page(3).pageId] },
      { documentId: 'ban-goc-giay-chung-nhan', kind: 'paper_at_counter' },
    ]);
  });

  it('after an edit from the review, Continue goes back to the review', () => {
    const s = play(LAND, [{ type: 'sessionBegun', sessionId: SESSION }, { type: 'goto', step: 'review' }, { type: 'edit', step: 'delivery' }]);
    expect(s.step).toBe('delivery');
    expect(nextStep(s)).toBe('review');
    expect(nextStep(play(LAND, [{ type: 'sessionBegun', sessionId: SESSION }, { type: 'goto', step: 'delivery' }]))).toBe('consent');
  });

  it('refuses a delivery the procedure does not offer', () => {
    const atCenterOnly = detail('1.012812');
    const s = play(atCenterOnly, [{ type: 'deliveryChosen', method: 'post' }]);
    expect(s.delivery.method).toBe('at_center');
  });

  it('builds a draft the contract accepts from any typed text, with no postal address unless by post', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 90 }), fc.string({ maxLength: 12 }), fc.constantFrom('at_center' as const, 'post' as const), (name, id, method) => {
        const s = play(LAND, [
          { type: 'sessionBegun', sessionId: SESSION },
          { type: 'typeIdentity' },
          { type: 'setText', path: 'applicant.fullName', value: name },
          { type: 'setText', path: 'applicant.idNumber', value: id },
          { type: 'setText', path: 'applicant.birthDate', value: '31.02.1990' },
          { type: 'deliveryChosen', method },
        ]);
        const draft = buildDraft(s, LAND, 'en');
        expect(DossierDraftSchema.safeParse(draft).success).toBe(true);
        expect(draft?.applicant.birthDate).toBeNull();
        expect(draft?.delivery.postalAddress === null).toBe(method !== 'post');
      }),
    );
  });

  it('shows each step only its own problems; the email belongs to delivery when the result comes by email', () => {
    const problems = ['applicant.idNumber', 'contact.email', 'formValues.phone', 'documents.0', 'delivery.postalAddress'].map((path) => ({ path, message: { vi: path, en: path } }));
    expect(problemsOfStep('identify', problems, 'post').map((p) => p.path)).toEqual(['applicant.idNumber', 'contact.email']);
    expect(problemsOfStep('identify', problems, 'electronic').map((p) => p.path)).toEqual(['applicant.idNumber']);
    expect(problemsOfStep('delivery', problems, 'electronic').map((p) => p.path)).toEqual(['delivery.postalAddress', 'contact.email']);
    expect(problemsOfStep('form', problems, 'post').map((p) => p.path)).toEqual(['formValues.phone']);
    expect(problemsOfStep('review', problems, 'post')).toHaveLength(5);
  });
});

describe('typed dates and letter case', () => {
  it('reads day.month.year and the card’s YYYY-MM-DD, and refuses days that do not exist', () => {
    expect(parseTypedDate('17.05.1990')).toBe('1990-05-17');
    expect(parseTypedDate('1.2.2000')).toBe('2000-02-01');
    expect(parseTypedDate('1990-05-17')).toBe('1990-05-17');
    expect(parseTypedDate('29.02.2001')).toBeNull();
    expect(parseTypedDate('32.01.2000')).toBeNull();
    expect(parseTypedDate('17051990')).toBeNull();
  });

  it('any existing date survives the round trip through dd.mm.yyyy', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('1890-01-01'), max: new Date('2100-12-31'), noInvalidDate: true }), (d) => {
        const iso = d.toISOString().slice(0, 10);
        const [y, m, day] = iso.split('-');
        expect(parseTypedDate(`${day}.${m}.${y}`)).toBe(iso);
      }),
    );
  });

  it('capitalises each word of a name, Vietnamese letters included, and serials in capitals', () => {
    expect(applyCase('nguyễn thị đào', 'words')).toBe('Nguyễn Thị Đào');
    expect(applyCase('ab 123456', 'upper')).toBe('AB 123456');
    expect(caseForPattern('^[A-Z]{2} ?\\d{6,8}$')).toBe('upper');
    expect(caseForPattern('^[a-zA-Z]+$')).toBe('none');
    expect(caseForPattern(undefined)).toBe('none');
  });
});
