import type { Database } from 'better-sqlite3';
import type { Procedure } from '../../src-shared/catalog';
import type { DossierDraft } from '../../src-shared/dossier';
import { enqueueJob } from '../outbox/outbox-repository';
import type { ContentStore, StoreFs } from './content-store';
import { provisionalCode } from './dossier-code';
import * as repo from './dossier-repository';
import type { CleanDraft } from './draft-validation';
import type { PageStaging } from './page-staging';

export const SUBMIT_JOB_KIND = 'submit-dossier';

/** Everything about a dossier that is decided before it is written. */
export interface SubmitRecord {
  dossierId: string;
  draft: DossierDraft;
  clean: CleanDraft;
  procedure: Procedure;
  terminalId: string;
  receivedAt: Date;
  /** Local day of receipt (YYYY-MM-DD): the day of the code's sequence. */
  receivedDay: string;
  appointmentAt: Date;
}

export class PageGoneError extends Error {}

export interface SubmitDeps {
  db: Database;
  store: ContentStore;
  staging: PageStaging;
  fs: StoreFs;
}

/**
 * The durable submit. Scanned pages are moved into the content store (each fsync'd, its folder
 * fsync'd) before one immediate transaction writes the dossier, its documents, page references,
 * first status, an audit entry and the outbox job. A crash before the commit leaves only
 * unreferenced files, which the start sweep removes; after it, everything. Submitting the same
 * session twice returns the dossier already written.
 */
export function submitDurably(deps: SubmitDeps, r: SubmitRecord): { dossierId: string; created: boolean } {
  const { db, store, staging, fs } = deps;
  if (repo.getDossier(db, r.dossierId)) return { dossierId: r.dossierId, created: false };

  const sessionId = r.draft.sessionId;
  const pages: { documentId: string; pageNo: number; sha256: string; byteSize: number; mediaType: string }[] = [];
  for (const doc of r.draft.documents) {
    if (doc.kind !== 'scanned') continue;
    doc.pageIds.forEach((pageId, i) => {
      const page = staging.page(sessionId, pageId);
      if (!page) throw new PageGoneError(pageId);
      // A retry after a failed commit finds the page already moved into the store.
      if (fs.existsSync(page.path)) store.adopt(page.path, page.sha256);
      else if (!store.has(page.sha256)) throw new PageGoneError(pageId);
      pages.push({ documentId: doc.documentId, pageNo: i + 1, sha256: page.sha256, byteSize: page.byteSize, mediaType: page.mediaType });
    });
  }

  const now = r.receivedAt.toISOString();
  const created = db.transaction((): boolean => {
    if (repo.getDossier(db, r.dossierId)) return false;
    const official = repo.freeOfficialCode(db, r.procedure.agencyCode, r.receivedDay);
    const provisional = official ? null : provisionalCode(r.terminalId, r.receivedDay, repo.nextProvisionalNumber(db, r.terminalId, r.receivedDay));
    const { clean, draft, procedure } = r;
    repo.insertDossier(db, {
      id: r.dossierId,
      provisional_code: provisional,
      official_code: official,
      procedure_code: procedure.code,
      procedure_name_vi: procedure.name.vi,
      procedure_name_en: procedure.name.en,
      agency_code: procedure.agencyCode,
      processing_days: procedure.processingDays,
      status: 1,
      applicant_name: clean.applicant.fullName,
      applicant_id_number: clean.applicant.idNumber,
      applicant_birth_date: clean.applicant.birthDate,
      applicant_sex: clean.applicant.sex,
      applicant_address: clean.applicant.address,
      identity_source: draft.applicant.source,
      representative_name: clean.representative?.fullName ?? null,
      representative_id_number: clean.representative?.idNumber ?? null,
      representative_relation: clean.representative?.relation ?? null,
      phone: clean.phone,
      email: clean.email,
      form_values: JSON.stringify(clean.formValues),
      delivery_method: draft.delivery.method,
      postal_address: clean.postalAddress,
      consent_text_version: draft.consent.textVersion,
      consent_at: now,
      consent_terminal: r.terminalId,
      terminal_id: r.terminalId,
      received_at: now,
      appointment_at: r.appointmentAt.toISOString(),
      language: draft.language,
    });
    if (official) repo.claimOfficialCode(db, official, r.dossierId);
    const specs = new Map(procedure.documents.map((d, i) => [d.id, { spec: d, ord: i }]));
    for (const doc of draft.documents) {
      const found = specs.get(doc.documentId);
      if (!found) throw new Error(`unknown document ${doc.documentId}`);
      repo.insertDocument(db, {
        dossier_id: r.dossierId,
        document_id: doc.documentId,
        ord: found.ord,
        name_vi: found.spec.name.vi,
        name_en: found.spec.name.en,
        form: found.spec.form,
        copies: found.spec.count,
        kind: doc.kind,
        page_count: doc.kind === 'scanned' ? doc.pageIds.length : 0,
      });
    }
    for (const p of pages) {
      repo.insertFile(db, { sha256: p.sha256, byteSize: p.byteSize, relativePath: store.relativePath(p.sha256) }, p.mediaType, now);
      repo.insertPage(db, r.dossierId, p.documentId, p.pageNo, p.sha256);
    }
    repo.addStatus(db, r.dossierId, 1, now, null);
    repo.addAudit(db, {
      at: now,
      actor: `citizen@${r.terminalId}`,
      action: 'dossier.submit',
      subject: r.dossierId,
      detail: { code: official ?? provisional, procedure: procedure.code, pages: pages.length },
    });
    // The payload names the dossier only: the worker reads the rows, so no personal data is copied.
    enqueueJob(db, { kind: SUBMIT_JOB_KIND, subjectId: r.dossierId, idempotencyKey: r.dossierId, payload: { dossierId: r.dossierId }, now });
    return true;
  }).immediate();

  staging.end(sessionId);
  return { dossierId: r.dossierId, created };
}
