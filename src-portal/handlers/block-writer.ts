import type { FileHandle } from 'node:fs/promises';

/**
 * Direct I/O (O_DIRECT) wants the memory, the file offset and the length of every write aligned
 * to the device's logical block; 4096 covers both 512-byte and 4K-native disks.
 */
export const BLOCK_BYTES = 4096;

export const roundUpToBlock = (n: number): number => Math.ceil(n / BLOCK_BYTES) * BLOCK_BYTES;

/**
 * Memory for direct writes. Node's Buffers come from malloc with no alignment promise (a direct
 * write from one fails with EINVAL), but a WebAssembly memory is mapped by whole pages: its
 * buffer starts on a page boundary.
 */
export function alignedBuffer(bytes: number): Buffer {
  return alignedBuffers(1, bytes)[0] ?? Buffer.alloc(0);
}

/**
 * `count` aligned buffers of `bytes` (a multiple of the block) carved from one memory: V8 reserves
 * a wide span of address space for each WebAssembly memory, so they are not made one by one.
 */
export function alignedBuffers(count: number, bytes: number): Buffer[] {
  if (bytes % BLOCK_BYTES !== 0) throw new Error(`aligned buffers are whole blocks, not ${bytes} bytes`);
  const pages = Math.ceil((count * bytes) / 65_536);
  const memory = Buffer.from(new wasm.Memory({ initial: pages, maximum: pages }).buffer);
  return Array.from({ length: count }, (_, i) => memory.subarray(i * bytes, (i + 1) * bytes));
}

/** The part of the WebAssembly global used here: its types live in the DOM lib, not the portal's. */
const wasm = (globalThis as unknown as { WebAssembly: { Memory: new (pages: { initial: number; maximum: number }) => { readonly buffer: ArrayBuffer } } }).WebAssembly;

/** Where received bytes go: `write` puts the buffers at `position` and says how many it took. */
export interface BytesOut {
  write(buffers: readonly Buffer[], position: number): Promise<number>;
}

export const fileOut = (file: FileHandle): BytesOut => ({
  write: async (buffers, position) => (await file.writev([...buffers], position)).bytesWritten,
});

/**
 * Writes one bundle's region of a pack opened with O_DIRECT: the bytes go, in arrival order, into
 * an aligned staging buffer that is written out each time it fills, and `finish` writes the last,
 * partial block padded with zeros (the region is reserved whole blocks, so the padding is the
 * bundle's own). Bytes are thus copied once, into memory that is reused, instead of into newly
 * allocated page cache that a later fdatasync must write back (decision 0018).
 */
export class BlockWriter implements BytesOut {
  private filled = 0;
  /** The file offset of the staging buffer's first byte. */
  private stagedAt: number;
  private finished = false;

  constructor(
    private readonly file: FileHandle,
    regionStart: number,
    /** Bytes reserved for the bundle: the next region begins at the block after them. */
    private readonly regionBytes: number,
    private readonly stage: Buffer,
  ) {
    if (regionStart % BLOCK_BYTES !== 0 || stage.length % BLOCK_BYTES !== 0) throw new Error('a direct region and its staging buffer are whole blocks');
    this.stagedAt = regionStart;
    this.regionEnd = regionStart + regionBytes;
  }

  private readonly regionEnd: number;

  /** Bytes taken so far, from the region's start. */
  get end(): number {
    return this.stagedAt + this.filled;
  }

  async write(buffers: readonly Buffer[], position: number): Promise<number> {
    if (this.finished) throw new Error('the bundle region was already finished');
    if (position !== this.end) throw new Error(`a bundle region is written in order: at ${this.end}, not ${position}`);
    const bytes = buffers.reduce((n, b) => n + b.length, 0);
    // Never into the next bundle's region (the callers already stop at each file's announced length).
    if (this.end + bytes > this.regionEnd) throw new Error(`${bytes} bytes at ${this.end} pass the end of the bundle's ${this.regionBytes} reserved bytes`);
    let taken = 0;
    for (const buffer of buffers) {
      for (let at = 0; at < buffer.length; ) {
        const n = buffer.copy(this.stage, this.filled, at);
        this.filled += n;
        at += n;
        if (this.filled === this.stage.length) await this.writeStage(this.stage.length);
      }
      taken += buffer.length;
    }
    return taken;
  }

  /** Writes what is staged; after it the region takes no more bytes. */
  async finish(): Promise<void> {
    if (this.finished) return;
    this.finished = true;
    if (this.filled === 0) return;
    const padded = roundUpToBlock(this.filled);
    this.stage.fill(0, this.filled, padded);
    await this.writeStage(padded);
  }

  private async writeStage(length: number): Promise<void> {
    for (let done = 0; done < length; ) {
      const { bytesWritten } = await this.file.write(this.stage, done, length - done, this.stagedAt + done);
      // A short direct write stops on a block boundary; zero means the disk took nothing.
      if (bytesWritten <= 0 || bytesWritten % BLOCK_BYTES !== 0) throw new Error(`a direct write took ${bytesWritten} of ${length - done} bytes`);
      done += bytesWritten;
    }
    this.stagedAt += Math.min(length, this.filled);
    this.filled = 0;
  }
}
