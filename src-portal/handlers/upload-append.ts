import { createHash, type Hash } from 'node:crypto';
import { constants } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import { ApiError } from '../http/api-error';
import type { Reply } from '../http/http-io';
import { tooLarge } from '../http/http-io';
import { setUploadOffset, type UploadRow } from '../repo/uploads';
import type { HandlerContext } from './context';
import { fileOut, hashPrefix, receiveBytes } from '../storage/upload-bytes';
import { syncFolder, uploadFile } from '../storage/upload-files';
import { ownUpload, uploadBody } from './uploads';

const offsetMismatch = (current: number): ApiError =>
  new ApiError(
    409,
    'offset_mismatch',
    `Upload-Offset does not match; the portal holds ${current} bytes.`,
    `Vị trí tải lên không khớp; cổng đang giữ ${current} byte.`,
    { offset: current },
    { 'upload-offset': String(current) },
  );

export const checksumMismatch = (expected: string, actual: string, offsetHeader: boolean): ApiError =>
  new ApiError(
    422,
    'checksum_mismatch',
    offsetHeader
      ? 'The file arrived whole but its SHA-256 differs from the one announced; the upload starts again at 0.'
      : 'The file arrived whole but its SHA-256 differs from the one announced; nothing was kept.',
    offsetHeader
      ? 'Tệp đã nhận đủ nhưng mã SHA-256 khác với mã đã khai báo; cần tải lại từ đầu.'
      : 'Tệp đã nhận đủ nhưng mã SHA-256 khác với mã đã khai báo; cổng không giữ lại tệp này.',
    { expected, actual },
    offsetHeader ? { 'upload-offset': '0' } : {},
  );

/**
 * PATCH: appends the body at Upload-Offset, writing as bytes arrive so a broken connection keeps
 * what reached the portal. `busy` holds the ids being written (one writer per upload). The bytes
 * (and, for the first PATCH, which creates the file, its folder entry) are fsync'd before the new
 * offset is committed, and the answer comes after the commit. 'dropped': the fault plan cut the
 * body (the caller destroys the socket).
 */
export async function appendUpload(
  ctx: HandlerContext,
  req: IncomingMessage,
  busy: Set<string>,
  dropAfter: number | undefined,
): Promise<Reply | 'dropped'> {
  const id = ctx.pathParams['uploadId'] ?? '';
  const upload = ownUpload(ctx, id);
  const contentType = (ctx.headers['content-type'] ?? '').split(';')[0]?.trim();
  if (contentType !== 'application/offset+octet-stream')
    throw new ApiError(415, 'unsupported_media_type', 'PATCH needs Content-Type application/offset+octet-stream.', 'PATCH cần Content-Type application/offset+octet-stream.');
  const offset = Number(ctx.headers['upload-offset']);
  if (!Number.isSafeInteger(offset) || offset < 0)
    throw new ApiError(400, 'invalid_request', 'Upload-Offset must be a whole number of bytes.', 'Upload-Offset phải là số byte nguyên.');
  if (busy.has(id))
    throw new ApiError(409, 'request_in_progress', 'Another PATCH of this upload is still running.', 'Một lần gửi khác của tệp này đang chạy.');
  const declared = ctx.headers['content-length'] === undefined ? undefined : Number(ctx.headers['content-length']);
  if (upload.state === 'complete') {
    if (offset === upload.length && !declared) return okReply(uploadBody(upload));
    throw offsetMismatch(upload.offset);
  }
  if (offset !== upload.offset) throw offsetMismatch(upload.offset);
  if (declared !== undefined && offset + declared > upload.length) throw tooLarge(upload.length - offset);

  busy.add(id);
  try {
    // Created by the first PATCH (a JSON create records only the row); positioned writes, not append.
    const file = await open(uploadFile(ctx.deps.uploadsDir, id), constants.O_RDWR | constants.O_CREAT);
    try {
      // The file is verified from bytes in hand: the prefix is read back only when this PATCH may finish it.
      const mayFinish = declared === undefined || offset + declared === upload.length;
      const hash = createHash('sha256');
      if (mayFinish) await hashPrefix(file, offset, hash);
      const r = await receiveBytes(req, fileOut(file), offset, upload.length, hash, dropAfter);
      if (r.overflow) {
        await file.truncate(offset);
        throw tooLarge(upload.length - offset);
      }
      await file.sync();
      if (offset === 0) await syncFolder(ctx.deps.uploadsDir);
      const reached = offset + r.received;
      const reply = reached === upload.length ? await finish(ctx, upload, file, mayFinish ? hash : null) : partial(ctx, upload, reached);
      return r.dropped ? 'dropped' : reply;
    } finally {
      await file.close();
    }
  } finally {
    busy.delete(id);
  }
}

function partial(ctx: HandlerContext, upload: UploadRow, reached: number): Reply {
  setUploadOffset(ctx.deps.db, upload.id, reached, 'partial');
  return okReply(uploadBody({ ...upload, offset: reached }));
}

/** The last byte landed: complete on a matching SHA-256, else back to 0 (422). */
async function finish(ctx: HandlerContext, upload: UploadRow, file: FileHandle, hash: Hash | null): Promise<Reply> {
  const digest = hash ?? createHash('sha256');
  if (!hash) await hashPrefix(file, upload.length, digest);
  const actual = digest.digest('hex');
  if (actual !== upload.sha256) {
    await file.truncate(0);
    await file.sync();
    setUploadOffset(ctx.deps.db, upload.id, 0, 'partial');
    throw checksumMismatch(upload.sha256, actual, true);
  }
  setUploadOffset(ctx.deps.db, upload.id, upload.length, 'complete');
  return okReply(uploadBody({ ...upload, offset: upload.length, state: 'complete' }));
}

const okReply = (body: Record<string, unknown>): Reply => ({ status: 200, headers: { 'upload-offset': String(body['offset']) }, body });
