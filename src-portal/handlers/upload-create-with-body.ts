import { createHash } from 'node:crypto';
import { open, unlink, type FileHandle } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import type { ApiError } from '../http/api-error';
import type { Reply } from '../http/http-io';
import { tooLarge } from '../http/http-io';
import { inProgress, keyReused, storedReply } from '../http/idempotency';
import { requestHash } from '../http/request-hash';
import { findAnswer, storeAnswer } from '../repo/idempotency';
import { createUploadRow, uploadById } from '../repo/uploads';
import { fileOut, receiveBytes } from '../storage/upload-bytes';
import { syncFolder, uploadFile } from '../storage/upload-files';
import type { HandlerContext } from './context';
import { checksumMismatch } from './upload-append';
import { emptyChecksumMismatch, emptySha256, uploadBody } from './uploads';

/** The JSON create's four facts; creation with upload sends them as headers. */
export interface UploadMeta {
  length: number;
  sha256: string;
  fileName: string;
  contentType: string;
}

/** Reads the facts from the headers (already checked one by one against the spec). */
export function metaFromHeaders(headers: Record<string, string | undefined>): { meta?: UploadMeta; errors: string[] } {
  const names = ['upload-length', 'upload-sha256', 'upload-file-name', 'upload-media-type'] as const;
  const missing = names.filter((n) => headers[n] === undefined);
  if (missing.length > 0) return { errors: missing.map((n) => `header ${n} is required when the body is the file's bytes`) };
  let fileName: string;
  try {
    fileName = decodeURIComponent(headers['upload-file-name'] ?? '');
  } catch {
    return { errors: ['header upload-file-name: is not percent-encoded UTF-8'] };
  }
  return { meta: { length: Number(headers['upload-length']), sha256: headers['upload-sha256'] ?? '', fileName, contentType: headers['upload-media-type'] ?? '' }, errors: [] };
}

/** The operation a creation with upload's idempotency answer is stored under (a bundle's files too). */
export const CREATE_UPLOAD = 'createUpload';

/** A new upload's bytes, received into its own file and checked, not yet synced nor recorded. */
export interface PendingUpload {
  id: string;
  file: FileHandle;
  key: string;
  requestHash: string;
  meta: UploadMeta;
  received: number;
  /** The fault plan cut the body after N bytes: the caller destroys the socket. */
  dropped: boolean;
}

/** A file's bytes arriving as a body (a creation with upload) or as one part of a bundle. */
export interface UploadIntake {
  req: Readable;
  key: string;
  meta: UploadMeta;
  /** Keys whose bytes are still arriving (the same key meanwhile gets 409). */
  busyKeys: Set<string>;
  dropAfter: number | undefined;
  /** The body's Content-Length when it is the whole request (not one part of a bundle). */
  declared?: number;
}

export type ReceivedUpload = { kind: 'replay'; uploadId: string; reply: Reply } | { kind: 'pending'; upload: PendingUpload };

/**
 * POST /v1/uploads with the file's bytes as the body: one round trip instead of create + PATCH
 * (API 1.1; kept for kiosks already deployed, decision 0026). A connection that breaks mid-body
 * still leaves an upload with the bytes that arrived, found again by the same key and resumed with PATCH.
 */
export async function createUploadWithBody(ctx: HandlerContext, intake: UploadIntake): Promise<Reply | 'dropped'> {
  const received = await receiveUpload(ctx, intake);
  if (received.kind === 'replay') return received.reply;
  const [reply] = await commitUploads(ctx, [received.upload], intake.busyKeys);
  if (!reply) throw new Error('no answer for a committed upload');
  return received.upload.dropped ? 'dropped' : reply;
}

/**
 * The first half: checks, then the bytes into a new `<id>.bin`, hashed as they arrive. The key
 * stays busy until `commitUploads` (or a refusal here, which removes the file).
 */
export async function receiveUpload(ctx: HandlerContext, intake: UploadIntake): Promise<ReceivedUpload> {
  const { req, key, meta, busyKeys, declared } = intake;
  const { db, uploadsDir, config } = ctx.deps;
  const hash = requestHash(CREATE_UPLOAD, meta);
  const busyKey = `${ctx.terminal.id}\n${key}`;
  const stored = findAnswer(db, ctx.terminal.id, CREATE_UPLOAD, key);
  const refusal = stored ? (stored.request_hash !== hash ? keyReused() : undefined) : refusalOf(meta, declared, config.maxUploadBytes, busyKeys.has(busyKey));
  if (stored || refusal) req.resume();
  if (refusal) throw refusal;
  if (stored) return replay(ctx, stored.body);

  busyKeys.add(busyKey);
  const id = ctx.deps.newId();
  const path = uploadFile(uploadsDir, id);
  let file: FileHandle | undefined;
  try {
    file = await open(path, 'wx');
    const digest = createHash('sha256');
    const r = await receiveBytes(req, fileOut(file), 0, meta.length, digest, intake.dropAfter);
    if (r.overflow) throw tooLarge(meta.length);
    if (r.received === meta.length) {
      const actual = digest.digest('hex');
      if (actual !== meta.sha256) throw checksumMismatch(meta.sha256, actual, false);
    }
    return { kind: 'pending', upload: { id, file, key, requestHash: hash, meta, received: r.received, dropped: r.dropped } };
  } catch (error) {
    // Refused or failed before anything was recorded: no row will point at these bytes.
    await file?.close().catch(() => undefined);
    await unlink(path).catch(() => undefined);
    busyKeys.delete(busyKey);
    throw error;
  }
}

/**
 * The second half: every file fsync'd, then the folder once (their names), and only then the rows
 * and stored answers in one transaction, so no row ever points at bytes that are not on disk.
 * Releases the keys either way; on failure removes the files.
 */
export async function commitUploads(ctx: HandlerContext, pending: readonly PendingUpload[], busyKeys: Set<string>): Promise<Reply[]> {
  const { db, uploadsDir } = ctx.deps;
  let committed = false;
  try {
    if (pending.length === 0) return [];
    try {
      await Promise.all(pending.map((p) => p.file.sync()));
      await syncFolder(uploadsDir);
    } finally {
      await Promise.all(pending.map((p) => p.file.close().catch(() => undefined)));
    }
    const now = ctx.now.toISOString();
    const replies = db.transaction(() =>
      pending.map((p): Reply => {
        const { length, sha256, fileName, contentType } = p.meta;
        const state = p.received === length ? 'complete' : 'partial';
        const row = { id: p.id, terminal_id: ctx.terminal.id, length, sha256, file_name: fileName, content_type: contentType, offset: p.received, state, created_at: now } as const;
        const reply: Reply = { status: 201, headers: { location: `/v1/uploads/${p.id}`, 'upload-offset': String(p.received) }, body: uploadBody(createUploadRow(db, row)) };
        const answer = { status: reply.status, headers: JSON.stringify(reply.headers), body: JSON.stringify(reply.body) };
        storeAnswer(db, { terminalId: ctx.terminal.id, operation: CREATE_UPLOAD, key: p.key, requestHash: p.requestHash, ...answer, now });
        return reply;
      }),
    )();
    committed = true;
    return replies;
  } finally {
    for (const p of pending) busyKeys.delete(`${ctx.terminal.id}\n${p.key}`);
    if (!committed) await Promise.all(pending.map((p) => unlink(uploadFile(uploadsDir, p.id)).catch(() => undefined)));
  }
}

/** Why a new upload is refused before any byte is read, if it is. */
function refusalOf(meta: UploadMeta, declared: number | undefined, maxBytes: number, keyBusy: boolean): ApiError | undefined {
  if (keyBusy) return inProgress();
  if (meta.length > maxBytes) return tooLarge(maxBytes);
  if (declared !== undefined && declared > meta.length) return tooLarge(meta.length);
  if (meta.length === 0 && meta.sha256 !== emptySha256) return emptyChecksumMismatch();
  return undefined;
}

/** A replay answers with the upload as it is now (bytes may have come by PATCH since). */
function replay(ctx: HandlerContext, storedBody: string): ReceivedUpload {
  const first = JSON.parse(storedBody) as { uploadId?: unknown };
  const upload = typeof first.uploadId === 'string' ? uploadById(ctx.deps.db, first.uploadId) : undefined;
  if (!upload) throw new Error(`the upload stored for this key (${String(first.uploadId)}) is missing`);
  return { kind: 'replay', uploadId: upload.id, reply: storedReply({ status: 201, headers: { location: `/v1/uploads/${upload.id}`, 'upload-offset': String(upload.offset) }, body: uploadBody(upload) }) };
}
