import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import { localDay, type Clock } from '../app/clock';
import { failed, finished, finishedWith, type JobOutcome } from './job-outcome';
import type { JobHandler, OutboxJob } from './outbox-worker';
import type { PortalClient } from './portal-client';
import { outcomeOf, PortalError } from './portal-error';
import type { DossierSubmission, Upload } from './portal-schemas';
import * as dossiers from './dossier-repository';

export interface DossierSyncDeps {
  db: Database;
  client: PortalClient;
  /** The content store's root: files.relative_path is relative to it. */
  fileRoot: string;
  clock: Clock;
  timeZone: string;
  /** Bytes per PATCH; a broken connection costs at most one chunk. */
  chunkBytes?: number;
  /** Resumes (HEAD, continue) within one attempt before the outbox's backoff takes over. */
  maxResumes?: number;
}

/**
 * The `submit-dossier` outbox job: every file goes up resumably and is verified by the portal
 * against the SHA-256 recorded when it was stored (the kiosk hashes it again only when the portal
 * reports a mismatch, to tell a file damaged on disk, parked, from bytes spoiled on the way), then the dossier is submitted with Idempotency-Key = its client UUID, then a portal-assigned
 * official code is linked to the provisional one.
 */
export function createDossierSyncHandler(deps: DossierSyncDeps): JobHandler {
  // Uploads the portal confirmed complete, so a retried job goes straight to what is missing.
  // Only a shortcut: after a restart the idempotent create answers the same.
  const verified = new Map<string, string>();
  // Uploads this process has begun: a retry asks for the offset instead of resending the file.
  const begun = new Set<string>();
  return async (job, signal) => {
    try {
      return await syncDossier(deps, job, signal, { verified, begun });
    } catch (error) {
      return outcomeOf(error);
    }
  };
}

interface UploadMemory {
  verified: Map<string, string>;
  begun: Set<string>;
}

async function syncDossier(deps: DossierSyncDeps, job: OutboxJob, signal: AbortSignal, memory: UploadMemory): Promise<JobOutcome> {
  const { verified, begun } = memory;
  const { db, client } = deps;
  const dossier = dossiers.getDossierForSync(db, job.subjectId);
  if (!dossier) return failed(`Dossier ${job.subjectId} is not in the local store`);
  let formData: DossierSubmission['formData'];
  try {
    formData = JSON.parse(dossier.form_values) as DossierSubmission['formData'];
  } catch {
    return failed(`Dossier ${dossier.id}: its form values are not readable`);
  }
  const files: DossierSubmission['files'] = [];
  for (const f of dossiers.getDossierFiles(db, dossier.id)) {
    const key = `${dossier.id}.${f.sha256}`;
    let uploadId = verified.get(key);
    if (uploadId === undefined) {
      // Read at once (a few hundred KB from the page cache): the promise API's open/stat/read/close
      // round trips cost more main-thread time than the read itself (profiled, decision 0018).
      const bytes = readFileSync(join(deps.fileRoot, f.relative_path));
      const damaged = failed(`Dossier ${dossier.id}: the stored file ${f.sha256.slice(0, 12)}… is damaged (its content changed on disk)`);
      if (bytes.byteLength !== f.byte_size) return damaged;
      const fresh = !begun.has(key);
      begun.add(key);
      try {
        uploadId = await uploadFile(deps, dossier.id, fileNameOf(f), f.media_type, f.sha256, bytes, signal, fresh);
      } catch (error) {
        if (error instanceof LocalFileDamaged) return damaged;
        throw error;
      }
      verified.set(key, uploadId);
    }
    files.push({ uploadId, documentId: f.document_id, fileName: fileNameOf(f), sha256: f.sha256, length: f.byte_size });
  }
  const receivedAt = new Date(dossier.received_at);
  const submission: DossierSubmission = {
    dossierId: dossier.id,
    ...(dossier.provisional_code === null && dossier.official_code !== null
      ? { code: dossier.official_code }
      : { provisionalCode: dossier.provisional_code ?? '' }),
    procedureCode: dossier.procedure_code,
    procedureName: dossier.procedure_name_vi,
    receivedAt: receivedAt.toISOString(),
    receivedDay: localDay(receivedAt, deps.timeZone),
    appointmentAt: new Date(dossier.appointment_at).toISOString(),
    channel: 1,
    applicant: {
      kind: 1,
      name: dossier.applicant_name,
      idNumber: dossier.applicant_id_number,
      ...(dossier.phone ? { phone: dossier.phone } : {}),
      ...(dossier.email ? { email: dossier.email } : {}),
      ...(dossier.applicant_address ? { address: dossier.applicant_address } : {}),
    },
    formData,
    files,
    consent: { textVersion: dossier.consent_text_version, agreedAt: new Date(dossier.consent_at).toISOString() },
  };
  const receipt = await client.submitDossier(submission, signal);
  for (const k of [...verified.keys()]) if (k.startsWith(`${dossier.id}.`)) verified.delete(k);
  for (const k of [...begun]) if (k.startsWith(`${dossier.id}.`)) begun.delete(k);
  if (receipt.codeSource === 'assigned' || dossier.official_code === null) {
    return finishedWith(() => dossiers.linkOfficialCode(db, dossier.id, receipt.code, deps.clock.now()));
  }
  return finished;
}

const fileNameOf = (f: dossiers.DossierFileRow) =>
  `${f.document_id}-${String(f.page_no).padStart(2, '0')}.${f.media_type === 'application/pdf' ? 'pdf' : f.media_type.split('/')[1] ?? 'bin'}`.replace(/[^A-Za-z0-9._-]/g, '_');

/** The portal found another SHA-256 than the one recorded at scan time, and so do we. */
export class LocalFileDamaged extends Error {}

const sha256Of = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/**
 * Creates (or finds again, by key) the upload and sends what the portal does not have yet.
 * `fresh` (no earlier try known): the first chunk goes with the create, so a file of one chunk
 * takes one round trip; else the create answers the portal's offset and PATCH goes on from there.
 */
export async function uploadFile(
  deps: Pick<DossierSyncDeps, 'client' | 'chunkBytes' | 'maxResumes'>,
  dossierId: string,
  fileName: string,
  contentType: string,
  sha256: string,
  bytes: Uint8Array,
  signal: AbortSignal,
  fresh = false,
): Promise<string> {
  const { client } = deps;
  const chunkBytes = deps.chunkBytes ?? 1024 * 1024;
  const maxResumes = deps.maxResumes ?? 5;
  const meta = { length: bytes.byteLength, sha256, fileName, contentType };
  const key = `${dossierId}.${sha256}`;
  let resumes = 0;
  let upload: Upload | undefined;
  if (fresh) {
    try {
      upload = await client.createUploadWithBody(meta, bytes.subarray(0, chunkBytes), key, signal);
    } catch (error) {
      if (!(error instanceof PortalError) || signal.aborted) throw error;
      if (error.kind === 'rejected' && error.code !== 'checksum_mismatch') throw error;
      if (error.kind === 'rate-limited' || error.kind === 'unreachable') throw error;
      if (error.code === 'checksum_mismatch' && sha256Of(bytes) !== sha256) throw new LocalFileDamaged(error.message);
      // Cut or spoiled on the way: the portal keeps what arrived, and the create below finds it.
      resumes += 1;
    }
  }
  upload ??= await client.createUpload(meta, key, signal);
  let offset = upload.offset;
  let state = upload.state;
  while (state !== 'complete') {
    const chunk = bytes.subarray(offset, Math.min(bytes.byteLength, offset + chunkBytes));
    try {
      const after = await client.appendUpload(upload.uploadId, offset, chunk, signal);
      offset = after.offset;
      state = after.state;
    } catch (error) {
      if (!(error instanceof PortalError) || signal.aborted) throw error;
      if (error.kind === 'rejected' && error.code !== 'checksum_mismatch') throw error;
      if (error.kind === 'rate-limited' || error.kind === 'unreachable') throw error;
      if (error.code === 'checksum_mismatch' && sha256Of(bytes) !== sha256) throw new LocalFileDamaged(error.message);
      if (++resumes > maxResumes) throw error;
      // The portal keeps what arrived: ask it where to go on (a 409 already says).
      offset = error.offset ?? (await client.uploadOffset(upload.uploadId, signal)).offset;
      if (error.code === 'checksum_mismatch') offset = 0;
    }
  }
  return upload.uploadId;
}
