import { createHash } from 'node:crypto';
import { closeSync, fstatSync, openSync, readFileSync, readSync } from 'node:fs';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import { localDay, type Clock } from '../app/clock';
import { failed, finished, finishedWith, type JobOutcome } from './job-outcome';
import { BundleBatcher } from './bundle-batcher';
import { Slots } from './request-gate';
import type { JobHandler, OutboxJob } from './outbox-worker';
import type { BundleToSend, PortalClient } from './portal-client';
import { outcomeOf, PortalError } from './portal-error';
import type { DossierBundleManifest, DossierReceipt, DossierSubmission, Upload } from './portal-schemas';
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
  /**
   * A dossier whose files add up to at most this many bytes goes in one request on its first try
   * (POST /v1/dossier-bundles); a bigger one, or a retry, goes file by file so that a broken
   * link costs at most one chunk. 0 turns bundles off.
   */
  bundleMaxBytes?: number;
  /**
   * Bundle requests in flight at once (as many as the uploads' request gate lets through). Bundles
   * that wait for one go together as a batch (BundleBatcher).
   */
  requestsInFlight?: number;
  /** At most this many dossiers in one batch; 1 sends every bundle alone. */
  batchMaxDossiers?: number;
}

const DEFAULT_BUNDLE_MAX_BYTES = 8 * 1024 * 1024;
const DEFAULT_BATCH_MAX_DOSSIERS = 32;

/**
 * The `submit-dossier` outbox job: every file goes up resumably and is verified by the portal
 * against the SHA-256 recorded when it was stored (the kiosk hashes it again only when the portal
 * reports a mismatch, to tell a file damaged on disk, parked, from bytes spoiled on the way), then the dossier is submitted with Idempotency-Key = its client UUID, then a portal-assigned
 * official code is linked to the provisional one. On its first try a small dossier goes as one
 * bundle (the same calls in one request); whatever a broken bundle left on the portal is found
 * again by the same keys on the file-by-file path.
 */
export function createDossierSyncHandler(deps: DossierSyncDeps): JobHandler {
  // Uploads the portal confirmed complete, so a retried job goes straight to what is missing.
  // Only a shortcut: after a restart the idempotent create answers the same.
  const verified = new Map<string, string>();
  // Uploads this process has begun: a retry asks for the offset instead of resending the file.
  const begun = new Set<string>();
  // A portal without bundles (API before 1.2) answers 404 once; from then on, file by file.
  const bundles = { supported: (deps.bundleMaxBytes ?? DEFAULT_BUNDLE_MAX_BYTES) > 0 };
  const batcher = new BundleBatcher(deps.client, {
    requestsInFlight: deps.requestsInFlight ?? 4,
    maxDossiers: deps.batchMaxDossiers ?? DEFAULT_BATCH_MAX_DOSSIERS,
    maxBytes: Math.max(deps.bundleMaxBytes ?? DEFAULT_BUNDLE_MAX_BYTES, 1),
  });
  const fileByFile = new Slots(2 * (deps.requestsInFlight ?? 4));
  return async (job, signal) => {
    try {
      return await syncDossier(deps, job, signal, { verified, begun, bundles, batcher, fileByFile });
    } catch (error) {
      return outcomeOf(error);
    }
  };
}

interface UploadMemory {
  verified: Map<string, string>;
  begun: Set<string>;
  bundles: { supported: boolean };
  batcher: BundleBatcher;
  /** Places for jobs sending file by file (each holds a whole file in memory). */
  fileByFile: Slots;
}

async function syncDossier(deps: DossierSyncDeps, job: OutboxJob, signal: AbortSignal, memory: UploadMemory): Promise<JobOutcome> {
  const { begun } = memory;
  const { db } = deps;
  const dossier = dossiers.getDossierForSync(db, job.subjectId);
  if (!dossier) return failed(`Dossier ${job.subjectId} is not in the local store`);
  let formData: DossierSubmission['formData'];
  try {
    formData = JSON.parse(dossier.form_values) as DossierSubmission['formData'];
  } catch {
    return failed(`Dossier ${dossier.id}: its form values are not readable`);
  }
  const rows = dossiers.getDossierFiles(db, dossier.id);
  // A page listed twice is one upload, announced with the facts of its first entry (the key is
  // the content's; other facts under the same key would be a different request).
  const firstOf = new Map<string, dossiers.DossierFileRow>();
  for (const f of rows) if (!firstOf.has(f.sha256)) firstOf.set(f.sha256, f);
  const distinct = [...firstOf.values()];
  const damaged = (f: dossiers.DossierFileRow) => damagedFile(dossier.id, f);
  const total = rows.reduce((sum, f) => sum + f.byte_size, 0);
  if (memory.bundles.supported && rows.length > 0 && total <= (deps.bundleMaxBytes ?? DEFAULT_BUNDLE_MAX_BYTES) && !begun.has(dossier.id)) {
    begun.add(dossier.id);
    for (const f of rows) begun.add(`${dossier.id}.${f.sha256}`);
    try {
      const receipt = await memory.batcher.send(bundleOf(deps, dossier, formData, rows), signal);
      return received(deps, dossier, receipt, memory);
    } catch (error) {
      if (error instanceof StoredFileSizeChanged) return damaged(error.file);
      if (!(error instanceof PortalError) || signal.aborted) throw error;
      if (error.kind === 'rejected' && (error.status === 404 || error.status === 405 || error.status === 415)) memory.bundles.supported = false;
      else if (error.kind === 'rejected' && error.code !== 'checksum_mismatch') throw error;
      if (error.kind === 'rate-limited' || error.kind === 'unreachable') throw error;
      if (error.code === 'checksum_mismatch') {
        const bad = distinct.find((f) => sha256Of(readFileSync(join(deps.fileRoot, f.relative_path))) !== f.sha256);
        if (bad) return damaged(bad);
      }
      // Cut or refused on the way: the single calls below find whatever the portal kept.
    }
  }
  // Jobs outnumber request places (waiting bundles are cheap: their files are read only when
  // their batch goes), but a file sent on its own is read whole first: only as many jobs as
  // before hold one.
  await memory.fileByFile.enter(signal);
  try {
    return await sendFileByFile(deps, dossier, formData, rows, firstOf, signal, memory);
  } finally {
    memory.fileByFile.release();
  }
}

/** The outcome for a dossier whose stored file no longer has its recorded content: parked. */
const damagedFile = (dossierId: string, f: dossiers.DossierFileRow): JobOutcome =>
  failed(`Dossier ${dossierId}: the stored file ${f.sha256.slice(0, 12)}… is damaged (its content changed on disk)`);

/** Each file resumably (what the portal already holds is not sent again), then the submit. */
async function sendFileByFile(
  deps: DossierSyncDeps,
  dossier: dossiers.DossierSyncRow,
  formData: DossierSubmission['formData'],
  rows: dossiers.DossierFileRow[],
  firstOf: ReadonlyMap<string, dossiers.DossierFileRow>,
  signal: AbortSignal,
  memory: UploadMemory,
): Promise<JobOutcome> {
  const { verified, begun } = memory;
  const damaged = (f: dossiers.DossierFileRow) => damagedFile(dossier.id, f);
  const files: DossierSubmission['files'] = [];
  for (const f of rows) {
    const key = `${dossier.id}.${f.sha256}`;
    let uploadId = verified.get(key);
    if (uploadId === undefined) {
      // Read at once (a few hundred KB from the page cache): the promise API's open/stat/read/close
      // round trips cost more main-thread time than the read itself (profiled, decision 0018).
      const bytes = readFileSync(join(deps.fileRoot, f.relative_path));
      if (bytes.byteLength !== f.byte_size) return damaged(f);
      const fresh = !begun.has(key);
      begun.add(key);
      try {
        const first = firstOf.get(f.sha256) ?? f;
        uploadId = await uploadFile(deps, dossier.id, fileNameOf(first), first.media_type, f.sha256, bytes, signal, fresh);
      } catch (error) {
        if (error instanceof LocalFileDamaged) return damaged(f);
        throw error;
      }
      verified.set(key, uploadId);
    }
    files.push({ uploadId, documentId: f.document_id, fileName: fileNameOf(f), sha256: f.sha256, length: f.byte_size });
  }
  const receipt = await deps.client.submitDossier(submissionOf(deps, dossier, formData, files), signal);
  return received(deps, dossier, receipt, memory);
}

/**
 * A stored dossier as one bundle: the manifest, and each distinct file read straight into the
 * request body when it is built (a file whose size changed throws StoredFileSizeChanged then).
 */
export function bundleOf(
  deps: Pick<DossierSyncDeps, 'fileRoot' | 'timeZone'>,
  dossier: dossiers.DossierSyncRow,
  formData: DossierSubmission['formData'],
  rows: readonly dossiers.DossierFileRow[],
): BundleToSend {
  const distinct = rows.filter((f, i) => rows.findIndex((g) => g.sha256 === f.sha256) === i);
  const manifest: DossierBundleManifest = {
    dossier: { ...submissionOf(deps, dossier, formData, []), files: [] },
    files: rows.map((f) => ({ documentId: f.document_id, fileName: fileNameOf(f), sha256: f.sha256, length: f.byte_size, contentType: f.media_type })),
  };
  const files = distinct.map((f) => ({ byteLength: f.byte_size, fill: (target: Uint8Array) => readExactly(join(deps.fileRoot, f.relative_path), target, f) }));
  return { manifest, files };
}

/** The dossier as the portal's submit takes it (the bundle sends it with `files` empty). */
function submissionOf(
  deps: Pick<DossierSyncDeps, 'timeZone'>,
  dossier: dossiers.DossierSyncRow,
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

/** The portal holds the dossier: forget its uploads and link an official code it assigned. */
function received(deps: DossierSyncDeps, dossier: dossiers.DossierSyncRow, receipt: DossierReceipt, memory: UploadMemory): JobOutcome {
  const { verified, begun } = memory;
  for (const k of [...verified.keys()]) if (k.startsWith(`${dossier.id}.`)) verified.delete(k);
  for (const k of [...begun]) if (k === dossier.id || k.startsWith(`${dossier.id}.`)) begun.delete(k);
  if (receipt.codeSource === 'assigned' || dossier.official_code === null) {
    return finishedWith(() => dossiers.linkOfficialCode(deps.db, dossier.id, receipt.code, deps.clock.now()));
  }
  return finished;
}

const fileNameOf = (f: dossiers.DossierFileRow) =>
  `${f.document_id}-${String(f.page_no).padStart(2, '0')}.${f.media_type === 'application/pdf' ? 'pdf' : f.media_type.split('/')[1] ?? 'bin'}`.replace(/[^A-Za-z0-9._-]/g, '_');

/** A stored file whose size is not the one recorded when it was stored. */
class StoredFileSizeChanged extends Error {
  constructor(readonly file: dossiers.DossierFileRow) {
    super(`stored file ${file.sha256.slice(0, 12)}… changed size`);
  }
}

/** Reads a stored file into `target`, which has exactly the recorded size. */
function readExactly(path: string, target: Uint8Array, file: dossiers.DossierFileRow): void {
  const fd = openSync(path, 'r');
  try {
    if (fstatSync(fd).size !== target.byteLength) throw new StoredFileSizeChanged(file);
    for (let at = 0; at < target.byteLength; ) {
      const n = readSync(fd, target, at, target.byteLength - at, at);
      if (n === 0) throw new StoredFileSizeChanged(file);
      at += n;
    }
  } finally {
    closeSync(fd);
  }
}

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
