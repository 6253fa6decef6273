import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { receiveBytes } from '../../src-portal/handlers/upload-bytes';
import { useTempDirs } from '../fakes/temp-dir';

const tempDir = useTempDirs();

/**
 * A real file whose writev stops short after `caps[i]` bytes on its i-th call (as a write that
 * hits a full disk or a signal does): only that prefix is written, and the count says so.
 */
function shortWriting(file: FileHandle, caps: readonly number[]): FileHandle {
  let call = 0;
  const writev = async (buffers: NodeJS.ArrayBufferView[], position?: number) => {
    const cap = Math.max(1, caps[call++ % caps.length] ?? 1);
    const prefix: Buffer[] = [];
    let room = cap;
    for (const b of buffers) {
      if (room === 0) break;
      const bytes = Buffer.from(b.buffer, b.byteOffset, b.byteLength);
      prefix.push(bytes.subarray(0, Math.min(room, bytes.length)));
      room -= Math.min(room, bytes.length);
    }
    return file.writev(prefix, position);
  };
  return new Proxy(file, {
    get: (target, name) => {
      if (name === 'writev') return writev;
      const value: unknown = Reflect.get(target, name, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

describe('receiveBytes', () => {
  it('writes every byte in place, in order, however short each write falls', async () => {
    const dir = tempDir();
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.uint8Array({ minLength: 1, maxLength: 300 }), { minLength: 1, maxLength: 12 }),
        fc.array(fc.integer({ min: 1, max: 700 }), { minLength: 1, maxLength: 6 }),
        fc.integer({ min: 0, max: 64 }),
        async (chunks, caps, fileStart) => {
          const body = Buffer.concat(chunks);
          const path = join(dir, 'upload.bin');
          const file = await open(path, 'w+');
          try {
            const hash = createHash('sha256');
            const received = await receiveBytes(Readable.from(chunks.map((c) => Buffer.from(c))), shortWriting(file, caps), 0, body.length, hash, undefined, fileStart);
            expect(received).toEqual({ received: body.length, overflow: false, dropped: false });
            expect(hash.digest('hex')).toBe(createHash('sha256').update(body).digest('hex'));
          } finally {
            await file.close();
          }
          const stored = readFileSync(path);
          expect(stored.subarray(fileStart).equals(body)).toBe(true);
        },
      ),
      { numRuns: 150 },
    );
  });
});
