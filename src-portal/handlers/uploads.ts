import { ApiError, notFound } from '../http/api-error';
import type { Reply } from '../http/http-io';
import { tooLarge } from '../http/http-io';
import { createUploadRow, uploadById, type UploadRow } from '../repo/uploads';
import type { HandlerContext } from './context';

export { readUploadBytes, uploadFile } from '../storage/upload-files';

export const uploadBody = (u: UploadRow): Record<string, unknown> => ({
  uploadId: u.id,
  offset: u.offset,
  length: u.length,
  sha256: u.sha256,
  state: u.state,
});

export function ownUpload(ctx: { deps: HandlerContext['deps']; terminal: HandlerContext['terminal'] }, id: string): UploadRow {
  const upload = uploadById(ctx.deps.db, id);
  if (!upload || upload.terminal_id !== ctx.terminal.id) throw notFound('upload', 'tệp tải lên');
  return upload;
}

export const emptySha256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

export const emptyChecksumMismatch = (): ApiError =>
  new ApiError(422, 'checksum_mismatch', 'An empty file cannot have this SHA-256.', 'Tệp rỗng không thể có mã SHA-256 này.');

/** POST /v1/uploads with the JSON facts: only a row; the file appears with the first PATCH. */
export function createUpload(ctx: HandlerContext): Reply {
  const b = ctx.body as { length: number; sha256: string; fileName: string; contentType: string };
  if (b.length > ctx.deps.config.maxUploadBytes) throw tooLarge(ctx.deps.config.maxUploadBytes);
  if (b.length === 0 && b.sha256 !== emptySha256) throw emptyChecksumMismatch();
  const id = ctx.deps.newId();
  const row = { id, terminal_id: ctx.terminal.id, length: b.length, sha256: b.sha256, file_name: b.fileName, content_type: b.contentType };
  const u = createUploadRow(ctx.deps.db, { ...row, offset: 0, state: b.length === 0 ? 'complete' : 'partial', created_at: ctx.now.toISOString() });
  return { status: 201, headers: { location: `/v1/uploads/${id}`, 'upload-offset': '0' }, body: uploadBody(u) };
}

export function getUpload(ctx: HandlerContext): Reply {
  return { status: 200, body: uploadBody(ownUpload(ctx, ctx.pathParams['uploadId'] ?? '')) };
}

export function headUpload(ctx: HandlerContext): Reply {
  const u = ownUpload(ctx, ctx.pathParams['uploadId'] ?? '');
  return {
    status: 200,
    headers: { 'upload-offset': String(u.offset), 'upload-length': String(u.length), 'upload-state': u.state, 'cache-control': 'no-store' },
  };
}
