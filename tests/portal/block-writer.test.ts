import { readFileSync } from 'node:fs';
import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { alignedBuffer, alignedBuffers, BLOCK_BYTES, BlockWriter } from '../../src-portal/handlers/block-writer';
import { useTempDirs } from '../fakes/temp-dir';

const tempDir = useTempDirs();

// Real O_DIRECT writes to the test folder's filesystem (ext4 and tmpfs both take them on Linux).
describe('BlockWriter (a bundle region of a pack opened with O_DIRECT)', () => {
  it('puts bytes arriving in any pieces in place, in whole blocks from aligned memory, the tail padded with zeros', async () => {
    const dir = tempDir();
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 1, max: 9000 }), { minLength: 1, maxLength: 8 }),
        fc.integer({ min: 0, max: 3 }),
        fc.constantFrom(BLOCK_BYTES, 2 * BLOCK_BYTES),
        async (sizes, startBlock, stageBytes) => {
          const body = Buffer.from(sizes.flatMap((n, i) => Array.from({ length: n }, (_, j) => (i * 31 + j) % 251)));
          const path = join(dir, 'region.pack');
          const file = await open(path, constants.O_RDWR | constants.O_CREAT | constants.O_TRUNC | constants.O_DIRECT);
          const start = startBlock * BLOCK_BYTES;
          try {
            const writer = new BlockWriter(file, start, body.length, alignedBuffer(stageBytes).subarray(0, stageBytes));
            let at = 0;
            for (const n of sizes) {
              // One socket batch: the piece split in two buffers, as writev batches come.
              const piece = body.subarray(at, at + n);
              expect(await writer.write([piece.subarray(0, n >> 1), piece.subarray(n >> 1)], start + at)).toBe(n);
              at += n;
            }
            expect(writer.end).toBe(start + body.length);
            await writer.finish();
          } finally {
            await file.close();
          }
          const stored = readFileSync(path);
          expect(stored.length).toBe(start + Math.ceil(body.length / BLOCK_BYTES) * BLOCK_BYTES);
          expect(stored.subarray(start, start + body.length).equals(body)).toBe(true);
          expect(stored.subarray(start + body.length).every((x) => x === 0)).toBe(true);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('carves buffers from one memory that a direct write takes, each apart from the others', async () => {
    const buffers = alignedBuffers(3, 2 * BLOCK_BYTES);
    buffers.forEach((b, i) => b.fill(i + 1));
    expect(buffers.map((b) => [b.length, b[0], b[b.length - 1]])).toEqual([1, 2, 3].map((v) => [2 * BLOCK_BYTES, v, v]));
    const path = join(tempDir(), 'aligned.pack');
    const file = await open(path, constants.O_RDWR | constants.O_CREAT | constants.O_DIRECT);
    try {
      // A Buffer from malloc has no such promise: EINVAL is what a direct write says then.
      for (const [i, b] of buffers.entries()) await file.write(b, 0, b.length, i * b.length);
    } finally {
      await file.close();
    }
    expect(readFileSync(path).equals(Buffer.concat(buffers))).toBe(true);
    expect(() => alignedBuffers(2, 1000)).toThrow('whole blocks');
  });

  it('takes bytes only in order, within its reserved bytes, and not after its tail was written', async () => {
    const file = await open(join(tempDir(), 'region.pack'), constants.O_RDWR | constants.O_CREAT | constants.O_DIRECT);
    try {
      const writer = new BlockWriter(file, BLOCK_BYTES, 8, alignedBuffer(BLOCK_BYTES).subarray(0, BLOCK_BYTES));
      await expect(writer.write([Buffer.from('late')], BLOCK_BYTES + 10)).rejects.toThrow('in order');
      await writer.write([Buffer.from('first')], BLOCK_BYTES);
      await expect(writer.write([Buffer.from('four')], BLOCK_BYTES + 5)).rejects.toThrow('pass the end');
      await writer.finish();
      await expect(writer.write([Buffer.from('more')], BLOCK_BYTES + 5)).rejects.toThrow('finished');
      expect(() => new BlockWriter(file, 100, 10, alignedBuffer(BLOCK_BYTES))).toThrow('whole blocks');
    } finally {
      await file.close();
    }
  });
});
