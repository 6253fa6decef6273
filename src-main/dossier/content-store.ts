import { createHash, randomUUID } from 'node:crypto';
import type * as nodeFs from 'node:fs';
import { join } from 'node:path';

/** The file-system calls the store makes; injected so tests can make a write fail like a full disk. */
export type StoreFs = Pick<
  typeof nodeFs,
  | 'openSync'
  | 'writeSync'
  | 'fsyncSync'
  | 'closeSync'
  | 'renameSync'
  | 'mkdirSync'
  | 'readdirSync'
  | 'unlinkSync'
  | 'rmSync'
  | 'existsSync'
  | 'readFileSync'
>;

export interface StoredFile {
  sha256: string;
  byteSize: number;
  /** Relative to the store's root, with forward slashes. */
  relativePath: string;
}

/** The disk is full (ENOSPC, EDQUOT, or EFBIG: a file-size limit): nothing was kept of the file being written. */
export class StorageFullError extends Error {}

export const sha256Hex = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

const isFull = (error: unknown) => {
  const code = (error as { code?: unknown }).code;
  return code === 'ENOSPC' || code === 'EDQUOT' || code === 'EFBIG';
};

/**
 * Files named by their SHA-256 under `<root>/objects/ab/<sha>`. A file is written to a temp
 * name, fsync'd, renamed into place and its folder fsync'd, so once `put` returns the file
 * survives a crash; the row that points at it is committed only after that. Files no row
 * points at are removed by `sweep` at start.
 */
export class ContentStore {
  constructor(
    private readonly root: string,
    private readonly fs: StoreFs,
  ) {
    for (const dir of ['objects', 'tmp']) fs.mkdirSync(join(root, dir), { recursive: true, mode: 0o700 });
  }

  static relativePathOf(sha256: string): string {
    return `objects/${sha256.slice(0, 2)}/${sha256}`;
  }

  relativePath(sha256: string): string {
    return ContentStore.relativePathOf(sha256);
  }

  absolutePath(sha256: string): string {
    return join(this.root, ContentStore.relativePathOf(sha256));
  }

  has(sha256: string): boolean {
    return this.fs.existsSync(this.absolutePath(sha256));
  }

  read(sha256: string): Buffer {
    return this.fs.readFileSync(this.absolutePath(sha256));
  }

  /** Writes bytes durably; a file already present is not written again. */
  put(bytes: Uint8Array): StoredFile {
    const sha256 = sha256Hex(bytes);
    const stored = { sha256, byteSize: bytes.byteLength, relativePath: ContentStore.relativePathOf(sha256) };
    if (this.has(sha256)) return stored;
    const temp = join(this.root, 'tmp', `${randomUUID()}.tmp`);
    this.writeDurably(temp, bytes);
    this.adopt(temp, sha256);
    return stored;
  }

  /**
   * Moves a file that is already fsync'd (a staged scan page on the same disk) into its place.
   * The caller vouches for the hash; the staged copy is gone afterwards either way.
   */
  adopt(durableTempPath: string, sha256: string): void {
    if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error(`not a SHA-256: ${sha256.slice(0, 80)}`);
    const shard = join(this.root, 'objects', sha256.slice(0, 2));
    if (this.has(sha256)) {
      this.fs.unlinkSync(durableTempPath);
      return;
    }
    if (!this.fs.existsSync(shard)) {
      this.fs.mkdirSync(shard, { recursive: true, mode: 0o700 });
      this.syncDir(join(this.root, 'objects'));
    }
    this.fs.renameSync(durableTempPath, this.absolutePath(sha256));
    this.syncDir(shard);
  }

  /** Writes a file and fsyncs it; on any failure the partial file is removed. */
  writeDurably(path: string, bytes: Uint8Array): void {
    let fd: number | undefined;
    try {
      // Owner only: scans and receipts carry personal data (decision 0022).
      fd = this.fs.openSync(path, 'wx', 0o600);
      let offset = 0;
      while (offset < bytes.byteLength) offset += this.fs.writeSync(fd, bytes, offset, bytes.byteLength - offset);
      this.fs.fsyncSync(fd);
      this.fs.closeSync(fd);
      fd = undefined;
    } catch (error) {
      if (fd !== undefined) this.fs.closeSync(fd);
      this.fs.rmSync(path, { force: true });
      if (isFull(error)) throw new StorageFullError(`The disk is full: ${(error as Error).message}`, { cause: error });
      throw error;
    }
  }

  /** Removes leftover temp files and every object for which `isReferenced` says no. */
  sweep(isReferenced: (sha256: string) => boolean): { orphans: number; temps: number } {
    let temps = 0;
    for (const name of this.fs.readdirSync(join(this.root, 'tmp'))) {
      this.fs.rmSync(join(this.root, 'tmp', name), { recursive: true, force: true });
      temps++;
    }
    let orphans = 0;
    const objects = join(this.root, 'objects');
    for (const shard of this.fs.readdirSync(objects)) {
      for (const name of this.fs.readdirSync(join(objects, shard))) {
        if (isReferenced(name)) continue;
        this.fs.rmSync(join(objects, shard, name), { force: true });
        orphans++;
      }
    }
    return { orphans, temps };
  }

  /** Every object on disk (for checks and tests). */
  list(): string[] {
    const objects = join(this.root, 'objects');
    return this.fs.readdirSync(objects).flatMap((shard) => this.fs.readdirSync(join(objects, shard)));
  }

  private syncDir(dir: string): void {
    let fd: number | undefined;
    try {
      fd = this.fs.openSync(dir, 'r');
      this.fs.fsyncSync(fd);
    } catch (error) {
      // Windows cannot open or fsync a folder; there the rename itself is what NTFS journals.
      const code = (error as { code?: unknown }).code;
      if (code !== 'EISDIR' && code !== 'EPERM' && code !== 'EINVAL') throw error;
    } finally {
      if (fd !== undefined) this.fs.closeSync(fd);
    }
  }
}
