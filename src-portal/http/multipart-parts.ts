import type { IncomingMessage } from 'node:http';
import type { Readable } from 'node:stream';
import busboy from 'busboy';
import { ApiError } from './api-error';

export type Part =
  | { kind: 'field'; name: string; value: string; mimeType: string; truncated: boolean }
  | { kind: 'file'; name: string; stream: Readable };

export interface PartLimits {
  fieldBytes: number;
  files: number;
  fields: number;
}

/**
 * The parts of a multipart/form-data request, one at a time and in order, as busboy streams
 * them: a file part must be read (or resumed) before the next part arrives, so a whole dossier
 * is never held in memory. A connection that breaks mid-body ends the current file stream with
 * an error (its reader keeps what arrived) and the iteration with the same error.
 */
export async function* multipartParts(req: IncomingMessage, limits: PartLimits): AsyncGenerator<Part> {
  let parser: busboy.Busboy;
  try {
    parser = busboy({ headers: req.headers, limits: { fieldSize: limits.fieldBytes, files: limits.files, fields: limits.fields } });
  } catch (error) {
    req.resume();
    throw new ApiError(400, 'invalid_request', `The multipart body cannot be read: ${String(error)}`, 'Không đọc được dữ liệu nhiều phần.');
  }
  const queue: (Part | { kind: 'end' } | { kind: 'error'; error: unknown })[] = [];
  let wake: (() => void) | null = null;
  const push = (item: (typeof queue)[number]) => {
    queue.push(item);
    wake?.();
  };
  parser.on('field', (name, value, info) => push({ kind: 'field', name, value, mimeType: info.mimeType, truncated: info.valueTruncated }));
  parser.on('file', (name, stream) => {
    // A reader sees a break through its own iteration; one that only drains must not crash.
    stream.on('error', () => undefined);
    push({ kind: 'file', name, stream });
  });
  parser.on('close', () => push({ kind: 'end' }));
  parser.on('error', (error) => push({ kind: 'error', error }));
  const tooMany = () => push({ kind: 'error', error: new ApiError(413, 'payload_too_large', 'Too many parts in this body.', 'Quá nhiều phần dữ liệu.') });
  parser.on('filesLimit', tooMany);
  parser.on('fieldsLimit', tooMany);
  // pipe() does not pass a broken connection on: without this the current file part would
  // wait for bytes forever (and hold its upload key busy). Found by the sync chaos test.
  const broken = () => {
    // Ended: every byte reached the parser. Not ended: the rest will never come (even when the
    // client sent it all, a closed request drops what it had buffered under backpressure).
    if (req.readableEnded) return;
    const error = new Error('the client went away mid-body');
    parser.destroy(error);
    push({ kind: 'error', error });
  };
  // The connection may have broken before this handler got here (auth, fault latency).
  if (req.destroyed) broken();
  else req.once('close', broken);
  req.pipe(parser);
  try {
    for (;;) {
      const item = queue.shift();
      if (!item) {
        await new Promise<void>((resolve) => (wake = resolve));
        wake = null;
        continue;
      }
      if (item.kind === 'end') return;
      if (item.kind === 'error') throw item.error;
      yield item;
    }
  } finally {
    // Stopped early (a refusal, a replay): let the rest of the body drain so the answer can go out.
    req.unpipe(parser);
    req.resume();
  }
}
