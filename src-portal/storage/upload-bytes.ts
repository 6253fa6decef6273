import type { Hash } from 'node:crypto';
import type { FileHandle } from 'node:fs/promises';
import type { Readable } from 'node:stream';

/** Where received bytes go: `write` puts the buffers at `position` and says how many it took. */
export interface BytesOut {
  write(buffers: readonly Buffer[], position: number): Promise<number>;
}

export const fileOut = (file: FileHandle): BytesOut => ({
  write: async (buffers, position) => (await file.writev([...buffers], position)).bytesWritten,
});

export interface Received {
  /** Bytes written from the start offset. */
  received: number;
  /** The body went past the upload's length: nothing of it is kept (the caller truncates). */
  overflow: boolean;
  /** The fault plan cut the body after N bytes; the caller destroys the socket. */
  dropped: boolean;
}

/** Bytes held before a write: one thread-pool round trip per batch instead of one per socket chunk. */
const WRITE_BATCH_BYTES = 1024 * 1024;
/** A body sent in tiny pieces must not make one writev larger than the system's IOV_MAX (1024). */
const MAX_BUFFERS_PER_WRITE = 512;

/** A write to the portal's own disk failed: not the client leaving, so it is thrown, not swallowed. */
class DiskFailure {
  constructor(readonly error: unknown) {}
}

/**
 * Writes a request body into an upload's file from `offset` as the bytes arrive (in batches of
 * up to 1 MiB), feeding `hash` on the way, so a broken connection keeps what reached the portal
 * and a complete file is verified without reading it back. Does not sync: the caller makes the
 * bytes durable before it records or acknowledges them.
 */
export async function receiveBytes(body: Readable, out: BytesOut, offset: number, length: number, hash: Hash, dropAfter: number | undefined): Promise<Received> {
  let written = 0;
  let held: Buffer[] = [];
  let heldBytes = 0;
  let dropped = false;
  const flush = async (): Promise<void> => {
    // The socket's chunks as they are (writev), not copied into one buffer; a short write goes on.
    for (let batch = held; batch.length > 0; ) {
      const n = await out.write(batch, offset + written).catch((error: unknown) => Promise.reject(new DiskFailure(error)));
      written += n;
      batch = rest(batch, n);
    }
    held = [];
    heldBytes = 0;
  };
  try {
    for await (const chunk of body) {
      let buf = chunk as Buffer;
      if (dropAfter !== undefined && written + heldBytes + buf.length >= dropAfter) {
        buf = buf.subarray(0, dropAfter - written - heldBytes);
        dropped = true;
      }
      if (offset + written + heldBytes + buf.length > length) return { received: written, overflow: true, dropped: false };
      hash.update(buf);
      held.push(buf);
      heldBytes += buf.length;
      if (heldBytes >= WRITE_BATCH_BYTES || held.length >= MAX_BUFFERS_PER_WRITE) await flush();
      if (dropped) break;
    }
    await flush();
  } catch (error) {
    if (error instanceof DiskFailure) throw error.error;
    // The client went away mid-body: keep what arrived, the client resumes from the offset.
    await flush().catch((failure: unknown) => Promise.reject(failure instanceof DiskFailure ? failure.error : failure));
  }
  return { received: written, overflow: false, dropped };
}

/** The buffers after the first `skip` bytes. */
function rest(buffers: Buffer[], skip: number): Buffer[] {
  const out: Buffer[] = [];
  for (const b of buffers) {
    if (skip < b.length) out.push(b.subarray(skip));
    skip = Math.max(0, skip - b.length);
  }
  return out;
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
