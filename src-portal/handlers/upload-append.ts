import { createHash } from 'node:crypto';
import { closeSync, createReadStream, fsyncSync, ftruncateSync, openSync, writeSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { ApiError } from '../http/api-error';
import type { Reply } from '../http/http-io';
import { tooLarge } from '../http/http-io';
import { setUploadOffset } from '../repo/uploads';
import type { HandlerContext } from './context';
import { ownUpload, uploadBody, uploadFile } from './uploads';

export interface AppendOutcome {
  reply?: Reply;
  /** The fault plan asked to cut the connection after N body bytes: the caller destroys the socket. */
  dropped: boolean;
}

const offsetMismatch = (current: number): ApiError =>
  new ApiError(
    409,
    'offset_mismatch',
    `Upload-Offset does not match; the portal holds ${current} bytes.`,
    `Vị trí tải lên không khớp; cổng đang giữ ${current} byte.`,
    { offset: current },
    { 'upload-offset': String(current) },
  );

/**
 * PATCH: appends the body at Upload-Offset, writing as bytes arrive so a broken connection keeps
 * what reached the portal. `busy` holds the ids being written (one writer per upload).
 */
export async function appendUpload(
  ctx: HandlerContext,
  req: IncomingMessage,
  busy: Set<string>,
  dropAfter: number | undefined,
): Promise<AppendOutcome> {
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
    if (offset === upload.length && !declared) return { dropped: false, reply: okReply(uploadBody(upload)) };
    throw offsetMismatch(upload.offset);
  }
  if (offset !== upload.offset) throw offsetMismatch(upload.offset);
  if (declared !== undefined && offset + declared > upload.length) throw tooLarge(upload.length - offset);

  busy.add(id);
  const file = uploadFile(ctx.deps.uploadsDir, id);
  const fd = openSync(file, 'r+');
  let received = 0;
  let dropped = false;
  let overflow = false;
  try {
    for await (const chunk of req) {
      let buf = chunk as Buffer;
      if (dropAfter !== undefined && received + buf.length >= dropAfter) {
        buf = buf.subarray(0, dropAfter - received);
        dropped = true;
      }
      if (offset + received + buf.length > upload.length) {
        overflow = true;
        break;
      }
      writeSync(fd, buf, 0, buf.length, offset + received);
      received += buf.length;
      if (dropped) break;
    }
  } catch {
    // The client went away mid-body: keep what arrived, the client resumes from HEAD's offset.
  } finally {
    if (overflow) {
      ftruncateSync(fd, offset);
      received = 0;
    }
    fsyncSync(fd);
    closeSync(fd);
    setUploadOffset(ctx.deps.db, id, offset + received, 'partial');
    busy.delete(id);
  }
  if (overflow) throw tooLarge(upload.length - offset);
  if (dropped) return { dropped: true };
  const now = offset + received;
  if (now < upload.length) return { dropped: false, reply: okReply(uploadBody({ ...upload, offset: now })) };
  const actual = await sha256Of(file);
  if (actual !== upload.sha256) {
    const reset = openSync(file, 'r+');
    ftruncateSync(reset, 0);
    closeSync(reset);
    setUploadOffset(ctx.deps.db, id, 0, 'partial');
    throw new ApiError(
      422,
      'checksum_mismatch',
      'The file arrived whole but its SHA-256 differs from the one announced; the upload starts again at 0.',
      'Tệp đã nhận đủ nhưng mã SHA-256 khác với mã đã khai báo; cần tải lại từ đầu.',
      { expected: upload.sha256, actual },
      { 'upload-offset': '0' },
    );
  }
  setUploadOffset(ctx.deps.db, id, now, 'complete');
  return { dropped: false, reply: okReply(uploadBody({ ...upload, offset: now, state: 'complete' })) };
}

const okReply = (body: Record<string, unknown>): Reply => ({
  status: 200,
  headers: { 'upload-offset': String(body['offset']) },
  body,
});

function sha256Of(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(file)
      .on('data', (c) => hash.update(c))
      .on('error', reject)
      .on('end', () => resolve(hash.digest('hex')));
  });
}
