import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import { localDay, type Clock } from '../kernel/clock';
import { getDossier, getDossierFiles, linkAssignedOfficialCode, type DossierFileRow, type DossierRow } from '../dossier/dossier-repository';
import { failed, finished, finishedWith, type JobHandler, type JobOutcome, type OutboxJob } from '../outbox/job-outcome';
import type { BundleToSend, PortalClient } from './portal-client';
import { outcomeOf, PortalError } from './portal-error';
import type { DossierBundleManifest, DossierReceipt, DossierSubmission, Upload } from './portal-schemas';

export interface DossierSyncDeps {
  db: Database;
  client: PortalClient;
  /** The content store's root: files.relative_path is relative to it. */
  fileRoot: string;
  clock: Clock;
  timeZone: string;
  /** Bytes per PATCH when resuming; a broken connection costs at most one chunk. */
  chunkBytes?: number;
  /** Resumes (HEAD, continue) within one attempt before the outbox's backoff takes over. */
  maxResumes?: number;
}

/**
 * The `submit-dossier` outbox job, one way: the dossier and its files as one bundle
 * (POST /v1/dossier-bundles). If that breaks (cut, refused, spoiled on the way) the same dossier
 * resumes file by file: each upload is found again by its key `<id>.<sha256>` with what the
 * portal already holds, the rest is sent in chunks, then the submit under the dossier id. Every
 * later attempt resumes the same way, so a broken link costs at most one chunk. The portal
 * verifies each file against the SHA-256 recorded when it was stored; the kiosk hashes it again
 * only when the portal reports a mismatch, to tell a file damaged on disk (parked) from bytes
 * spoiled on the way. A file deleted from the content store parks the row too.
 */
export function createDossierSyncHandler(deps: DossierSyncDeps): JobHandler {
  const memory: Memory = { bundled: new Set(), verified: new Map() };
  return async (job, signal) => {
    try {
      return await syncDossier(deps, job, signal, memory);
    } catch (error) {
      return outcomeOf(error);
    }
  };
}

/** What this process knows of earlier attempts; only a shortcut (after a restart the portal's keys answer the same). */
interface Memory {
  /** Dossiers whose bundle was sent: their next attempt resumes. After a restart the bundle goes once more. */
  bundled: Set<string>;
  /** Uploads the portal confirmed complete (`<id>.<sha256>` → upload id): a later attempt skips them. */
  verified: Map<string, string>;
}

async function syncDossier(deps: DossierSyncDeps, job: OutboxJob, signal: AbortSignal, memory: Memory): Promise<JobOutcome> {
  const { bundled } = memory;
  const dossier = getDossier(deps.db, job.subjectId);
  if (!dossier) return failed('record_missing', `Dossier ${job.subjectId} is not in the local store`);
  let formData: DossierSubmission['formData'];
  try {
    formData = JSON.parse(dossier.form_values) as DossierSubmission['formData'];
  } catch {
    return failed('record_unreadable', `Dossier ${dossier.id}: its form values are not readable`);
  }
  const rows = getDossierFiles(deps.db, dossier.id);
  const stored = new StoredFiles(deps.fileRoot, dossier.id);
  // A dossier without files (a fee-only procedure) has nothing to bundle: the submit alone.
  if (rows.length > 0 && !bundled.has(dossier.id)) {
    const bundle = bundleOf(deps, dossier, formData, rows, stored);
    if (!bundle.ok) return bundle.outcome;
    bundled.add(dossier.id);
    try {
      return received(deps, dossier, await deps.client.submitDossierBundle(bundle.value, signal), memory);
    } catch (error) {
      if (!(error instanceof PortalError) || signal.aborted) throw error;
      // No answer at all (the link is down): the next attempt sends the bundle again.
      if (error.kind === 'unreachable') bundled.delete(dossier.id);
      if (error.kind === 'rate-limited' || error.kind === 'unreachable') throw error;
      if (error.code === 'checksum_mismatch') {
        const bad = rows.find((f) => !stored.matches(f));
        if (bad) return damaged(dossier.id, bad);
      }
      // A validation refusal is the dossier's, and the submit below would get it too.
      if (error.kind === 'rejected' && error.code !== 'checksum_mismatch' && error.status !== 404 && error.status !== 405 && error.status !== 415) throw error;
      // Cut, spoiled or not taken as a bundle: the calls below find whatever the portal kept.
    }
  }
  return resumeFileByFile(deps, dossier, formData, rows, stored, signal, memory);
}

/** Each file resumably (what the portal already holds is not sent again), then the submit. */
async function resumeFileByFile(
  deps: DossierSyncDeps,
  dossier: DossierRow,
  formData: DossierSubmission['formData'],
  rows: DossierFileRow[],
  stored: StoredFiles,
  signal: AbortSignal,
  memory: Memory,
): Promise<JobOutcome> {
  const files: DossierSubmission['files'] = [];
  for (const f of rows) {
    const key = `${dossier.id}.${f.sha256}`;
    let uploadId = memory.verified.get(key);
    if (uploadId === undefined) {
      const bytes = stored.read(f);
      if (!bytes.ok) return bytes.outcome;
      // A page listed twice is one upload, announced with the facts of its first entry.
      try {
        uploadId = await uploadFile(deps, dossier.id, fileNameOf(f), f.media_type, f.sha256, bytes.value, signal);
      } catch (error) {
        if (error instanceof LocalFileDamaged) return damaged(dossier.id, f);
        throw error;
      }
      memory.verified.set(key, uploadId);
    }
    files.push({ uploadId, documentId: f.document_id, fileName: fileNameOf(f), sha256: f.sha256, length: f.byte_size });
  }
  const receipt = await deps.client.submitDossier(submissionOf(deps, dossier, formData, files), signal);
  return received(deps, dossier, receipt, memory);
}

type Read<T> = { ok: true; value: T } | { ok: false; outcome: JobOutcome };

/** The outcome for a dossier whose stored file no longer has its recorded content: parked. */
const damaged = (dossierId: string, f: DossierFileRow): JobOutcome =>
  failed('file_damaged', `Dossier ${dossierId}: the stored file ${f.sha256.slice(0, 12)}… is damaged (its content changed on disk)`);

/** A dossier's stored files, read as the content store left them (or found gone or changed). */
class StoredFiles {
  constructor(
    private readonly root: string,
    private readonly dossierId: string,
  ) {}

  read(f: DossierFileRow): Read<Uint8Array> {
    let bytes: Buffer;
    try {
      bytes = readFileSync(join(this.root, f.relative_path));
    } catch (error) {
      // Gone, not damaged: no retry brings it back; staff must look (the scan is lost).
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        return { ok: false, outcome: failed('file_damaged', `Dossier ${this.dossierId}: the stored file ${f.sha256.slice(0, 12)}… (${f.document_id} page ${f.page_no}) was deleted from the content store`) };
      }
      throw error;
    }
    if (bytes.byteLength !== f.byte_size) return { ok: false, outcome: damaged(this.dossierId, f) };
    return { ok: true, value: bytes };
  }

  /** Whether the file on disk still has its recorded SHA-256 (a gone file does not). */
  matches(f: DossierFileRow): boolean {
    const bytes = this.read(f);
    return bytes.ok && sha256Of(bytes.value) === f.sha256;
  }
}

/** A stored dossier as one bundle: the manifest, and the bytes of each distinct file. */
export function bundleOf(
  deps: Pick<DossierSyncDeps, 'fileRoot' | 'timeZone'>,
  dossier: DossierRow,
  formData: DossierSubmission['formData'],
  rows: readonly DossierFileRow[],
  stored = new StoredFiles(deps.fileRoot, dossier.id),
): Read<BundleToSend> {
  const distinct = rows.filter((f, i) => rows.findIndex((g) => g.sha256 === f.sha256) === i);
  const manifest: DossierBundleManifest = {
    dossier: { ...submissionOf(deps, dossier, formData, []), files: [] },
    files: rows.map((f) => ({ documentId: f.document_id, fileName: fileNameOf(f), sha256: f.sha256, length: f.byte_size, contentType: f.media_type })),
  };
  const files: Uint8Array[] = [];
  for (const f of distinct) {
    const bytes = stored.read(f);
    if (!bytes.ok) return bytes;
    files.push(bytes.value);
  }
  return { ok: true, value: { manifest, files } };
}

/** The dossier as the portal's submit takes it (the bundle sends it with `files` empty). */
function submissionOf(
  deps: Pick<DossierSyncDeps, 'timeZone'>,
  dossier: DossierRow,
  formData: DossierSubmission['formData'],
  files: DossierSubmission['files'],
): DossierSubmission {
  const receivedAt = new Date(dossier.received_at);
  return {
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
}

/** The portal holds the dossier: link an official code it assigned. */
function received(deps: DossierSyncDeps, dossier: DossierRow, receipt: DossierReceipt, memory: Memory): JobOutcome {
  memory.bundled.delete(dossier.id);
  for (const key of memory.verified.keys()) if (key.startsWith(`${dossier.id}.`)) memory.verified.delete(key);
  if (receipt.codeSource === 'assigned' || dossier.official_code === null) {
    return finishedWith(() => linkAssignedOfficialCode(deps.db, dossier.id, receipt.code, deps.clock.now()));
  }
  return finished;
}

const fileNameOf = (f: DossierFileRow) =>
  `${f.document_id}-${String(f.page_no).padStart(2, '0')}.${f.media_type === 'application/pdf' ? 'pdf' : f.media_type.split('/')[1] ?? 'bin'}`.replace(/[^A-Za-z0-9._-]/g, '_');

/** The portal found another SHA-256 than the one recorded at scan time, and so do we. */
export class LocalFileDamaged extends Error {}

const sha256Of = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/**
 * Creates (or finds again, by key) the upload and sends what the portal does not have yet: the
 * create answers the portal's offset, and PATCH goes on from there.
 */
export async function uploadFile(
  deps: Pick<DossierSyncDeps, 'client' | 'chunkBytes' | 'maxResumes'>,
  dossierId: string,
  fileName: string,
  contentType: string,
  sha256: string,
  bytes: Uint8Array,
  signal: AbortSignal,
): Promise<string> {
  const { client } = deps;
  const chunkBytes = deps.chunkBytes ?? 1024 * 1024;
  const maxResumes = deps.maxResumes ?? 5;
  let resumes = 0;
  const upload: Upload = await client.createUpload({ length: bytes.byteLength, sha256, fileName, contentType }, `${dossierId}.${sha256}`, signal);
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
      offset = error.code === 'checksum_mismatch' ? 0 : (error.offset ?? (await client.uploadOffset(upload.uploadId, signal)).offset);
    }
  }
  return upload.uploadId;
}
