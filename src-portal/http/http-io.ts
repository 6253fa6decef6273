import type { IncomingMessage } from 'node:http';
import { ApiError } from './api-error';

export interface Reply {
  status: number;
  headers?: Record<string, string>;
  /** JSON value; undefined = no body. */
  body?: unknown;
}

/** Reads a whole request body, refusing more than `limit` bytes (413 without reading further). */
export async function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limit) throw tooLarge(limit);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > limit) throw tooLarge(limit);
    chunks.push(buf);
  }
  return Buffer.concat(chunks);
}

export const tooLarge = (limit: number): ApiError =>
  new ApiError(
    413,
    'payload_too_large',
    `The request is larger than the portal accepts (${limit} bytes).`,
    `Dữ liệu gửi lên lớn hơn mức cổng chấp nhận (${limit} byte).`,
    { maxLength: limit },
  );

export function parseJson(raw: Buffer): unknown {
  if (raw.length === 0) return undefined;
  try {
    return JSON.parse(raw.toString('utf8')) as unknown;
  } catch {
    throw new ApiError(400, 'invalid_request', 'The request body is not valid JSON.', 'Nội dung gửi lên không phải JSON hợp lệ.');
  }
}

export function encodeReply(reply: Reply): { status: number; headers: Record<string, string>; payload: Buffer } {
  const headers = { ...(reply.headers ?? {}) };
  const payload = reply.body === undefined ? Buffer.alloc(0) : Buffer.from(JSON.stringify(reply.body), 'utf8');
  if (reply.body !== undefined) headers['content-type'] = 'application/json; charset=utf-8';
  headers['content-length'] = String(payload.length);
  return { status: reply.status, headers, payload };
}

export function errorReply(error: ApiError): Reply {
  return { status: error.status, headers: error.headers, body: error.toBody() };
}
