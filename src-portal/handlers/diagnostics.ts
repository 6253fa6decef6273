import { createHash } from 'node:crypto';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import type { IncomingMessage } from 'node:http';
import { ApiError } from '../http/api-error';
import { readBody, type Reply } from '../http/http-io';
import { insertDiagnostics } from '../repo/diagnostics';
import { syncFolder } from '../storage/upload-files';
import type { HandlerContext } from './context';

/** A zip's first bytes (local file header); an empty zip starts with the end record instead. */
const ZIP_MAGIC = [Buffer.from('PK\x03\x04', 'latin1'), Buffer.from('PK\x05\x06', 'latin1')];

/** Where an export's zip lives: one plain file per export (decision 0030). */
export const diagnosticsFile = (diagnosticsDir: string, id: string): string => join(diagnosticsDir, `${id}.zip`);

/**
 * POST /v1/terminals/{terminalId}/diagnostics: keeps a terminal's log export for the operators.
 * The zip is written and fsync'd (with its folder entry) before the row commits, as uploads are
 * (decision 0026): a row never points at missing bytes. Only the terminal itself may send its own.
 */
export async function receiveDiagnostics(ctx: HandlerContext, req: IncomingMessage): Promise<Reply> {
  const { deps, terminal } = ctx;
  if (ctx.pathParams['terminalId'] !== terminal.id) {
    req.resume();
    throw new ApiError(404, 'not_found', 'The path names another terminal than this credential.', 'Đường dẫn ghi mã máy khác với máy đang gửi.');
  }
  const type = (ctx.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/zip') {
    req.resume();
    throw new ApiError(415, 'unsupported_media_type', 'Diagnostics are sent as application/zip.', 'Dữ liệu chẩn đoán phải gửi dạng application/zip.');
  }
  const bytes = await readBody(req, deps.config.maxUploadBytes);
  if (!ZIP_MAGIC.some((magic) => bytes.subarray(0, 4).equals(magic))) {
    throw new ApiError(400, 'invalid_request', 'The body is not a zip file.', 'Nội dung gửi lên không phải tệp zip.');
  }
  const id = deps.newId();
  const file = await open(diagnosticsFile(deps.diagnosticsDir, id), 'wx', 0o600);
  try {
    await file.writeFile(bytes);
    await file.sync();
  } finally {
    await file.close();
  }
  await syncFolder(deps.diagnosticsDir);
  const row = { id, terminal_id: terminal.id, received_at: ctx.now.toISOString(), bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') };
  deps.db.transaction(() => insertDiagnostics(deps.db, row))();
  return { status: 201, body: { id, receivedAt: row.received_at, bytes: row.bytes } };
}
