import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../../fakes/temp-dir';
import { createTestCore } from '../../fakes/test-core';
import { LAND, landDraft, pagePng } from './fixture';

const tempDir = useTempDirs();

describe('dossier methods through the dispatcher (as a renderer calls them)', () => {
  it('begin, stage pages as base64, submit, get the receipt with its PDF, look it up', async () => {
    const { core } = await createTestCore(tempDir());
    try {
      const call = async (method: string, request: unknown) => core.dispatcher.dispatch(method, request);
      const begun = await call('beginDossier', { procedureCode: LAND });
      if (!begun.ok) throw new Error(begun.error.message);
      const { sessionId } = begun.value as { sessionId: string };
      const pageIds: string[][] = [];
      for (const n of [1, 2, 3]) {
        const staged = await call('stageScannedPage', { sessionId, mediaType: 'image/png', dataBase64: Buffer.from(pagePng(`p${n}`)).toString('base64') });
        if (!staged.ok) throw new Error(staged.error.message);
        pageIds.push([(staged.value as { pageId: string }).pageId]);
      }
      const tooBig = await call('stageScannedPage', { sessionId, mediaType: 'image/png', dataBase64: 'A'.repeat(5_000_000) });
      expect(tooBig).toMatchObject({ ok: false, error: { code: 'invalid_request' } });

      const draft = landDraft(sessionId, pageIds, 'en');
      // A 5 MB paste into a form field is refused with the field named, and nothing is stored.
      const pasted = await call('submitDossier', { draft: { ...draft, formValues: { ...draft.formValues, parcelNumber: 'x'.repeat(5_000_000) } } });
      expect(pasted).toMatchObject({ ok: false, error: { code: 'invalid_request', message: expect.stringMatching(/parcelNumber/) } });
      const pastedName = await call('submitDossier', { draft: { ...draft, applicant: { ...draft.applicant, fullName: 'Ă'.repeat(5_000_000) } } });
      expect(pastedName).toMatchObject({ ok: false, error: { code: 'invalid_request', message: expect.stringMatching(/fullName/) } });
      const bad = await call('submitDossier', { draft: { ...draft, consent: { textVersion: 'v1', agreed: false } } });
      expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
      const problems = await call('validateDossierDraft', { draft: { ...draft, contact: { phone: '12345', email: null } } });
      expect(problems).toMatchObject({ ok: true, value: [{ path: 'contact.phone' }] });
      // An ID left empty is asked for; one typed wrong is explained.
      const ids = await call('validateDossierDraft', {
        draft: { ...draft, applicant: { ...draft.applicant, idNumber: '' }, representative: { fullName: 'Lê Thị Hoa', idNumber: '12345', relation: 'con gái' } },
      });
      expect(ids).toMatchObject({
        ok: true,
        value: [
          { path: 'applicant.idNumber', message: { en: 'Please enter the personal ID number (12 digits).' } },
          { path: 'representative.idNumber', message: { en: 'The personal ID number must have exactly 12 digits.' } },
        ],
      });

      const submitted = await call('submitDossier', { draft });
      expect(submitted).toMatchObject({ ok: true, value: { printed: true, pdfSaved: true, receipt: { code: 'TAM-KIOSK-01-261123-0001' } } });
      const dossierId = sessionId;
      const receipt = await call('getReceipt', { dossierId, language: 'vi' });
      expect(receipt).toMatchObject({ ok: true, value: { dossierId, pdfPath: expect.stringMatching(/objects/) } });
      const found = await call('lookupDossier', { code: 'TAM-KIOSK-01-261123-0001', idLast4: '2345', language: 'en' });
      expect(found).toMatchObject({ ok: true, value: { status: { status: 1, label: { en: 'Newly submitted' } } } });
      const wrong = await call('lookupDossier', { code: 'TAM-KIOSK-01-261123-0001', idLast4: '0000', language: 'en' });
      expect(wrong).toMatchObject({ ok: false, error: { code: 'not_found', message: expect.stringMatching(/No dossier matches/) } });
    } finally {
      await core.close();
    }
  });
});
