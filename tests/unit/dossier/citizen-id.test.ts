import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { birthProvinceCodes, citizenIdProblem } from '../../../src-shared/citizen-id';
import { localProblems } from '../../../src-renderer/dossier/local-problems';
import type { JourneyState } from '../../../src-renderer/dossier/journey';
import { useTempDirs } from '../../fakes/temp-dir';
import { createTestCore } from '../../fakes/test-core';
import { LAND, landDraft } from './fixture';

const tempDir = useTempDirs();

describe('personal ID numbers: 12 digits starting with a province code, one list for core and screen', () => {
  it('knows the 63 codes of Circular 07/2016/TT-BCA, 001 Hà Nội to 096 Cà Mau', () => {
    const codes = Object.keys(birthProvinceCodes);
    expect(codes).toHaveLength(63);
    expect(birthProvinceCodes['001']).toBe('Hà Nội');
    expect(birthProvinceCodes['079']).toBe('Hồ Chí Minh');
    expect(birthProvinceCodes['096']).toBe('Cà Mau');
    expect(codes.every((c) => /^0\d\d$/.test(c) && c !== '000')).toBe(true);
    expect([...codes].sort()).toEqual(codes);
  });

  it('property: twelve digits pass exactly when the first three are a code; anything else is a format problem', () => {
    fc.assert(
      fc.property(fc.oneof(fc.stringMatching(/^\d{12}$/), fc.string({ maxLength: 14 })), (text) => {
        const problem = citizenIdProblem(text);
        if (!/^\d{12}$/.test(text)) expect(problem).toBe('format');
        else expect(problem).toBe(text.slice(0, 3) in birthProvinceCodes && text !== '000000000000' ? null : 'province');
      }),
    );
    expect(citizenIdProblem('000000000000')).toBe('province');
    expect(citizenIdProblem('001099012345')).toBeNull();
  });

  it('the core refuses a typed ID without a province code, for the applicant, the representative and an id-number field', async () => {
    const { core } = await createTestCore(tempDir());
    try {
      const begun = await core.dispatcher.dispatch('beginDossier', { procedureCode: LAND });
      if (!begun.ok) throw new Error(begun.error.message);
      // Page ids that were never staged: the documents get their own problems, not looked at here.
      const page = ['6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b'];
      const draft = landDraft((begun.value as { sessionId: string }).sessionId, [page, page, page], 'en');
      const reply = await core.dispatcher.dispatch('validateDossierDraft', {
        draft: {
          ...draft,
          applicant: { ...draft.applicant, idNumber: '003099012345', source: 'typed' },
          representative: { fullName: 'Lê Thị Hoa', idNumber: '000000000000', relation: 'con gái' },
          formValues: { ...draft.formValues, applicantIdNumber: '999190012345' },
        },
      });
      if (!reply.ok) throw new Error(reply.error.message);
      const byPath = new Map((reply.value as { path: string; message: { en: string } }[]).map((p) => [p.path, p.message.en]));
      for (const path of ['applicant.idNumber', 'representative.idNumber', 'formValues.applicantIdNumber']) {
        expect(byPath.get(path), path).toMatch(/first 3 digits must be the code of the province/);
      }
    } finally {
      await core.close();
    }
  });

  it('the screen says so before asking the core, once 12 digits are typed', () => {
    const state = (applicantId: string, representativeId: string, representing = true) =>
      ({
        step: 'identify',
        applicant: { fullName: 'A', idNumber: applicantId, birthDate: '', sex: null, address: 'x' },
        representing,
        representative: { fullName: 'B', idNumber: representativeId, relation: 'con' },
      }) as unknown as JourneyState;
    expect(localProblems(state('003 099 012 345', '001099012345')).map((p) => p.path)).toEqual(['applicant.idNumber']);
    expect(localProblems(state('001099012345', '000000000000')).map((p) => p.path)).toEqual(['representative.idNumber']);
    expect(localProblems(state('001099012345', '000000000000', false))).toEqual([]);
    // Still typing: the core explains a short number; the screen does not guess.
    expect(localProblems(state('00309', ''))).toEqual([]);
    expect(localProblems(state('079190012345', '096085012345'))).toEqual([]);
  });
});
