/**
 * Request-body buffers kept for the next bundle. A fresh ~1 MB buffer per dossier was the drain's
 * largest cost on the kiosk after the HTTP client: garbage collection triggered by the external
 * memory (0.5 s of main-thread time per 1,000 dossiers) and the page faults of new memory
 * (measured, decision 0018, sixth pass). Reused buffers cost neither.
 */
export class BodyBuffers {
  private readonly spare: Buffer[] = [];
  private spareBytes = 0;

  /**
   * `keepBytes`: at most this much is held between requests. The default keeps one buffer for
   * each of four batches in flight (8 MiB of files and their part headers: 9 MiB each), with
   * room: with 16 MiB, batches dropped and reallocated their buffers, and the drain's kiosk
   * CPU rose from 1.0 s to 1.8 s per 1,000 dossiers (measured, decision 0018, ninth pass).
   */
  constructor(private readonly keepBytes = 48 * 1024 * 1024) {}

  /** A buffer of at least `size` bytes (a spare one if it fits; its old content stays). */
  take(size: number): Buffer {
    const i = this.spare.findIndex((b) => b.byteLength >= size);
    const found = i >= 0 ? this.spare.splice(i, 1)[0] : undefined;
    if (found) {
      this.spareBytes -= found.byteLength;
      return found;
    }
    // Whole MiBs, so dossiers of slightly different sizes share buffers.
    return Buffer.allocUnsafeSlow(Math.ceil(Math.max(size, 1) / MIB) * MIB);
  }

  /** Keeps `buffer` for a later `take`, unless that would hold more than `keepBytes`. */
  give(buffer: Buffer): void {
    if (this.spareBytes + buffer.byteLength > this.keepBytes || this.spare.includes(buffer)) return;
    this.spare.push(buffer);
    this.spareBytes += buffer.byteLength;
  }
}

const MIB = 1024 * 1024;
