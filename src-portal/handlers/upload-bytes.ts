import type { Hash } from 'node:crypto';
import type { FileHandle } from 'node:fs/promises';
import type { Readable } from 'node:stream';

export interface Received {
  /** Bytes written from the start offset. */
  received: number;
  /** The body went past the upload's length: nothing of it is kept (the caller truncates). */
  overflow: boolean;
  /** The fault plan cut the body after N bytes; the caller destroys the socket. */
  dropped: boolean;
}

/**
 * Writes a request body into an upload's file from `offset` as the bytes arrive, feeding `hash`
 * on the way, so a broken connection keeps what reached the portal and a complete file is
 * verified without reading it back. Async writes keep the event loop free for other requests.
 * Does not sync: the caller makes the bytes durable before it records or acknowledges them.
 */
export async function receiveBytes(
  body: Readable,
  file: FileHandle,
  offset: number,
  length: number,
  hash: Hash,
  dropAfter: number | undefined,
): Promise<Received> {
  let received = 0;
  let dropped = false;
  try {
    for await (const chunk of body) {
      let buf = chunk as Buffer;
      if (dropAfter !== undefined && received + buf.length >= dropAfter) {
        buf = buf.subarray(0, dropAfter - received);
        dropped = true;
      }
      if (offset + received + buf.length > length) {
        return { received, overflow: true, dropped: false };
      }
      await file.write(buf, 0, buf.length, offset + received);
      hash.update(buf);
      received += buf.length;
      if (dropped) break;
    }
  } catch {
    // The client went away mid-body: keep what arrived, the client resumes from the offset.
  }
  return { received, overflow: false, dropped };
}

/** Feeds the first `bytes` of the file to `hash` (a PATCH that resumes a file and may finish it). */
export async function hashPrefix(file: FileHandle, bytes: number, hash: Hash): Promise<void> {
  const buf = Buffer.allocUnsafe(Math.min(bytes, 1024 * 1024));
  let at = 0;
  while (at < bytes) {
    const { bytesRead } = await file.read(buf, 0, Math.min(buf.length, bytes - at), at);
    if (bytesRead === 0) throw new Error(`the upload file is shorter (${at} bytes) than its recorded offset (${bytes})`);
    hash.update(buf.subarray(0, bytesRead));
    at += bytesRead;
  }
}
