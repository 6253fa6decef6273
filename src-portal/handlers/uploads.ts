import { closeSync, openSync, readSync } from 'node:fs';
import { join } from 'node:path';
import { ApiError, notFound } from '../http/api-error';
import type { Reply } from '../http/http-io';
import { tooLarge } from '../http/http-io';
import { createUploadRow, uploadById, type UploadRow } from '../repo/uploads';
import type { HandlerContext } from './context';

export const uploadFile = (uploadsDir: string, id: string): string => join(uploadsDir, `${id}.bin`);

/**
 * The bytes received so far (`offset` of them), for the admin page's download and for checks:
 * from the upload's own file, or from its range of the pack its bundle was appended to.
 */
export function readUploadBytes(uploadsDir: string, u: Pick<UploadRow, 'id' | 'pack_file' | 'pack_offset' | 'offset'>): Buffer {
  const path = u.pack_file === null ? uploadFile(uploadsDir, u.id) : join(uploadsDir, u.pack_file);
  const start = u.pack_offset ?? 0;
  const out = Buffer.allocUnsafe(u.offset);
  const fd = openSync(path, 'r');
  try {
    let at = 0;
    while (at < u.offset) {
      const n = readSync(fd, out, at, u.offset - at, start + at);
      if (n === 0) throw new Error(`${path} ends before the ${u.offset} bytes recorded for upload ${u.id}`);
      at += n;
    }
  } finally {
    closeSync(fd);
  }
  return out;
}

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

export function createUpload(ctx: HandlerContext): Reply {
  const b = ctx.body as { length: number; sha256: string; fileName: string; contentType: string };
  if (b.length > ctx.deps.config.maxUploadBytes) throw tooLarge(ctx.deps.config.maxUploadBytes);
  if (b.length === 0 && b.sha256 !== emptySha256)
    throw new ApiError(422, 'checksum_mismatch', 'An empty file cannot have this SHA-256.', 'Tệp rỗng không thể có mã SHA-256 này.');
  const id = ctx.deps.newId();
  // The empty file exists before the row commits, so PATCH never meets a row without its file.
  closeSync(openSync(uploadFile(ctx.deps.uploadsDir, id), 'w'));
  const row: UploadRow = {
    id,
    terminal_id: ctx.terminal.id,
    length: b.length,
    sha256: b.sha256,
    file_name: b.fileName,
    content_type: b.contentType,
    offset: 0,
    state: b.length === 0 ? 'complete' : 'partial',
    created_at: ctx.now.toISOString(),
    pack_file: null,
    pack_offset: null,
    pack_synced: 1,
  };
  createUploadRow(ctx.deps.db, row);
  return {
    status: 201,
    headers: { location: `/v1/uploads/${id}`, 'upload-offset': '0' },
    body: uploadBody(row),
  };
}

export function getUpload(ctx: HandlerContext): Reply {
  return { status: 200, body: uploadBody(ownUpload(ctx, ctx.pathParams['uploadId'] ?? '')) };
}

export function headUpload(ctx: HandlerContext): Reply {
  const u = ownUpload(ctx, ctx.pathParams['uploadId'] ?? '');
  return {
    status: 200,
    headers: {
      'upload-offset': String(u.offset),
      'upload-length': String(u.length),
      'upload-state': u.state,
      'cache-control': 'no-store',
    },
  };
}
