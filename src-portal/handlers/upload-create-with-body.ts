import { createHash } from 'node:crypto';
import { open, unlink, type FileHandle } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { ApiError } from '../http/api-error';
import type { Reply } from '../http/http-io';
import { tooLarge } from '../http/http-io';
import { requestHash } from '../http/request-hash';
import { findAnswer, storeAnswer } from '../repo/idempotency';
import { createUploadRow, markPackSynced, uploadById, type UploadRow } from '../repo/uploads';
import type { HandlerContext } from './context';
import { checksumMismatch } from './upload-append';
import type { BundlePack } from './pack-store';
import { fileOut, type BytesOut } from './block-writer';
import { receiveBytes } from './upload-bytes';
import { emptySha256, readUploadBytes, uploadBody, uploadFile } from './uploads';

/** The JSON create's four facts; creation with upload sends them as headers. */
export interface UploadMeta {
  length: number;
  sha256: string;
  fileName: string;
  contentType: string;
}

export interface CreateOutcome {
  reply: Reply;
  /** The fault plan cut the body after N bytes: the caller destroys the socket. */
  dropped: boolean;
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
  return {
    meta: {
      length: Number(headers['upload-length']),
      sha256: headers['upload-sha256'] ?? '',
      fileName,
      contentType: headers['upload-media-type'] ?? '',
    },
    errors: [],
  };
}

/** The operation a creation with upload's idempotency answer is stored under (a bundle's files too). */
export const CREATE_UPLOAD = 'createUpload';

/** A new upload's bytes, received and checked, not yet synced nor recorded. */
export interface PendingUpload {
  id: string;
  /** The upload's own file (unused while the bytes are in a pack). */
  path: string;
  /** The upload's own file, open; none while the bytes are in a pack. */
  file: FileHandle | null;
  /** Set when the bytes are a range of a bundle's pack. */
  packed?: { pack: BundlePack; start: number };
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
  /** A bundle's part: the bytes go to the end of the bundle's pack, not to a file of their own. */
  pack?: BundlePack;
}

export type ReceivedUpload = { kind: 'replay'; reply: Reply } | { kind: 'pending'; upload: PendingUpload };

/**
 * POST /v1/uploads with the file's bytes as the body: one round trip instead of create + PATCH.
 * The row and the stored answer commit together after the bytes are synced (with the directory
 * entry), so an acknowledged upload is durable; a connection that breaks mid-body still leaves
 * an upload with the bytes that arrived, found again by the same key and resumed with PATCH.
 * `busyKeys` holds the keys whose body is still arriving: the same key meanwhile gets 409.
 */
export async function createUploadWithBody(ctx: HandlerContext, intake: UploadIntake): Promise<CreateOutcome> {
  const { busyKeys } = intake;
  const received = await receiveUpload(ctx, intake);
  if (received.kind === 'replay') return { reply: received.reply, dropped: false };
  const [reply] = await commitUploads(ctx, [received.upload], busyKeys);
  if (!reply) throw new Error('no answer for a committed upload');
  return { reply, dropped: received.upload.dropped };
}

/**
 * The first half of a creation with upload: checks, then the bytes into a new file, hashed as they
 * arrive. The key stays busy until `commitUploads` (or a refusal here, which removes the file).
 */
export async function receiveUpload(ctx: HandlerContext, intake: UploadIntake): Promise<ReceivedUpload> {
  const { req, key, meta, busyKeys, dropAfter, declared } = intake;
  const { db, uploadsDir, config } = ctx.deps;
  const hash = requestHash(CREATE_UPLOAD, meta);
  const stored = findAnswer(db, ctx.terminal.id, CREATE_UPLOAD, key);
  if (stored) {
    req.resume();
    if (stored.request_hash !== hash) throw keyReused();
    return { kind: 'replay', reply: replay(ctx, stored.body) };
  }
  const busyKey = `${ctx.terminal.id}\n${key}`;
  if (busyKeys.has(busyKey)) {
    req.resume();
    throw inProgress();
  }
  if (meta.length > config.maxUploadBytes) {
    req.resume();
    throw tooLarge(config.maxUploadBytes);
  }
  if (declared !== undefined && declared > meta.length) {
    req.resume();
    throw tooLarge(meta.length);
  }
  if (meta.length === 0 && meta.sha256 !== emptySha256) {
    req.resume();
    throw new ApiError(422, 'checksum_mismatch', 'An empty file cannot have this SHA-256.', 'Tệp rỗng không thể có mã SHA-256 này.');
  }

  busyKeys.add(busyKey);
  const id = ctx.deps.newId();
  const { pack } = intake;
  const start = pack?.end ?? 0;
  const path = uploadFile(uploadsDir, id);
  let file: FileHandle | null = null;
  try {
    const out: BytesOut = pack ?? fileOut((file = await open(path, 'wx')));
    const digest = createHash('sha256');
    const r = await receiveBytes(req, out, 0, meta.length, digest, dropAfter, start);
    if (r.overflow) throw tooLarge(meta.length);
    if (r.received === meta.length) {
      const actual = digest.digest('hex');
      if (actual !== meta.sha256) throw checksumMismatch(meta.sha256, actual, false);
    }
    if (pack) pack.end = start + r.received;
    const upload: PendingUpload = { id, path, file, key, requestHash: hash, meta, received: r.received, dropped: r.dropped };
    if (pack) upload.packed = { pack, start };
    return { kind: 'pending', upload };
  } catch (error) {
    // Refused or failed before anything was recorded: no row will point at these bytes, so they go.
    // (In a pack they stay, unreferenced: other bundles write beside them.)
    if (!pack) {
      await file?.close().catch(() => undefined);
      await unlink(path).catch(() => undefined);
    }
    busyKeys.delete(busyKey);
    throw error;
  }
}

/**
 * The second half: the rows and stored answers in one transaction, resolving the 201 answers in
 * order. Uploads in a file of their own are synced (with the folder entries, in parallel so the
 * journal commits them together) before it. Bytes in a pack commit while the pack's group sync
 * runs: their rows say `pack_synced = 0`, and the server acknowledges nothing before that sync
 * and the WAL's are both done (`PackStore.track`), so the two syncs overlap; a restart checks
 * rows whose sync it never saw finish. Releases the keys either way; on failure removes the
 * uploads' own files (bytes in a pack stay, unreferenced).
 */
export async function commitUploads(ctx: HandlerContext, received: readonly PendingUpload[], busyKeys: Set<string>): Promise<Reply[]> {
  const { db, packs: packStore } = ctx.deps;
  let committed = false;
  let pending = received;
  try {
    if (pending.length === 0) return [];
    try {
      // A direct pack region writes its staged tail: from here on the pack holds every byte received.
      await Promise.all(packsOf(received).map((k) => k.finish()));
      pending = await Promise.all(received.map((p) => ownFileIfPartial(ctx.deps.uploadsDir, p)));
      const own = pending.filter((p) => !p.packed);
      await Promise.all([...own.map((p) => p.file?.sync()), own.length > 0 ? ctx.deps.syncUploadsDir() : undefined]);
    } finally {
      await Promise.all(ownFiles(received, pending).map((p) => p.file?.close().catch(() => undefined)));
    }
    // Started after every byte of these uploads was written (receiveBytes awaited its writes, and
    // their bundle regions were finished above).
    const packs = packsOf(pending);
    const packSync = packs.length > 0 ? Promise.all(packs.map((k) => k.flush())).then(() => undefined) : null;
    packSync?.catch(() => undefined);
    const replies = db.transaction(() => {
      markPackSynced(db, packStore.takeSynced());
      return pending.map((p): Reply => {
        const row: UploadRow = {
          id: p.id,
          terminal_id: ctx.terminal.id,
          length: p.meta.length,
          sha256: p.meta.sha256,
          file_name: p.meta.fileName,
          content_type: p.meta.contentType,
          offset: p.received,
          state: p.received === p.meta.length ? 'complete' : 'partial',
          created_at: ctx.now.toISOString(),
          pack_file: p.packed?.pack.name ?? null,
          pack_offset: p.packed?.start ?? null,
          pack_synced: p.packed ? 0 : 1,
        };
        const reply: Reply = { status: 201, headers: { location: `/v1/uploads/${p.id}`, 'upload-offset': String(p.received) }, body: uploadBody(row) };
        createUploadRow(db, row);
        storeAnswer(db, {
          terminalId: ctx.terminal.id,
          operation: CREATE_UPLOAD,
          key: p.key,
          requestHash: p.requestHash,
          status: reply.status,
          headers: JSON.stringify(reply.headers ?? {}),
          body: JSON.stringify(reply.body),
          now: ctx.now.toISOString(),
        });
        return reply;
      });
    })();
    committed = true;
    if (packSync) packStore.track(pending.flatMap((p) => (p.packed ? [p.id] : [])), packSync);
    return replies;
  } finally {
    for (const p of pending) busyKeys.delete(`${ctx.terminal.id}\n${p.key}`);
    if (!committed) await Promise.all(ownFiles(received, pending).map((p) => unlink(p.path).catch(() => undefined)));
  }
}

/** The bundle packs holding some of these uploads' bytes, each once. */
const packsOf = (uploads: readonly PendingUpload[]): BundlePack[] => [...new Set(uploads.flatMap((p) => (p.packed ? [p.packed.pack] : [])))];

/** The uploads, before and after `ownFileIfPartial`, whose bytes are in a file of their own. */
const ownFiles = (received: readonly PendingUpload[], pending: readonly PendingUpload[]): PendingUpload[] => [
  ...new Set([...received, ...pending].filter((p) => !p.packed)),
];

/**
 * A part the bundle's body broke off in the middle is resumed with PATCH, which appends to the
 * upload's own file: its bytes are copied out of the pack (rare, so with the same synchronous
 * reader the admin page uses).
 */
async function ownFileIfPartial(uploadsDir: string, p: PendingUpload): Promise<PendingUpload> {
  if (!p.packed || p.received === p.meta.length) return p;
  const bytes = readUploadBytes(uploadsDir, { id: p.id, pack_file: p.packed.pack.name, pack_offset: p.packed.start, offset: p.received });
  const { path } = p;
  const file = await open(path, 'wx');
  try {
    await file.writeFile(bytes);
  } catch (error) {
    await file.close().catch(() => undefined);
    await unlink(path).catch(() => undefined);
    throw error;
  }
  return { ...p, file, packed: undefined };
}

/** A replay answers with the upload as it is now (bytes may have come by PATCH since). */
function replay(ctx: HandlerContext, storedBody: string): Reply {
  const first = JSON.parse(storedBody) as { uploadId?: unknown };
  const upload = typeof first.uploadId === 'string' ? uploadById(ctx.deps.db, first.uploadId) : undefined;
  if (!upload) throw new ApiError(500, 'internal', 'The stored upload for this key is missing.', 'Không tìm thấy tệp đã lưu cho khóa này.');
  return {
    status: 201,
    headers: { location: `/v1/uploads/${upload.id}`, 'upload-offset': String(upload.offset), 'idempotent-replayed': 'true' },
    body: uploadBody(upload),
  };
}

export const keyReused = (): ApiError =>
  new ApiError(422, 'idempotency_key_reused', 'This Idempotency-Key was already used with a different request body.', 'Khóa Idempotency-Key này đã được dùng cho một yêu cầu khác.');

export const inProgress = (): ApiError =>
  new ApiError(409, 'request_in_progress', 'A request with this Idempotency-Key is still being processed; retry later.', 'Một yêu cầu với khóa này đang được xử lý; vui lòng thử lại sau.');
