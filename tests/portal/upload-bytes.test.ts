import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { receiveBytes, type BytesOut } from '../../src-portal/storage/upload-bytes';
import { useTempDirs } from '../fakes/temp-dir';

const tempDir = useTempDirs();

/**
 * A real file whose writes stop short after `caps[i]` bytes on the i-th call (as a write that
 * hits a full disk or a signal does): only that prefix is written, and the count says so.
 */
function shortWriting(file: FileHandle, caps: readonly number[]): BytesOut {
  let call = 0;
  return {
    write: async (buffers, position) => {
      const cap = Math.max(1, caps[call++ % caps.length] ?? 1);
      const prefix: Buffer[] = [];
      let room = cap;
      for (const b of buffers) {
        if (room === 0) break;
        prefix.push(b.subarray(0, Math.min(room, b.length)));
        room -= Math.min(room, b.length);
      }
      return (await file.writev(prefix, position)).bytesWritten;
    },
  };
}

describe('receiveBytes', () => {
  it('writes every byte in place, in order, however short each write falls', async () => {
    const dir = tempDir();
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.uint8Array({ minLength: 1, maxLength: 300 }), { minLength: 1, maxLength: 12 }),
        fc.array(fc.integer({ min: 1, max: 700 }), { minLength: 1, maxLength: 6 }),
        fc.integer({ min: 0, max: 64 }),
        async (chunks, caps, offset) => {
          const body = Buffer.concat(chunks);
          const path = join(dir, 'upload.bin');
          const file = await open(path, 'w+');
          try {
            const hash = createHash('sha256');
            const received = await receiveBytes(Readable.from(chunks.map((c) => Buffer.from(c))), shortWriting(file, caps), offset, offset + body.length, hash, undefined);
            expect(received).toEqual({ received: body.length, overflow: false, dropped: false });
            expect(hash.digest('hex')).toBe(createHash('sha256').update(body).digest('hex'));
          } finally {
            await file.close();
          }
          const stored = readFileSync(path);
          expect(stored.subarray(offset).equals(body)).toBe(true);
        },
      ),
      { numRuns: 150 },
    );
  });
});
