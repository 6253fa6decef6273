import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DeviceHealth } from '../../../src-shared/dto';
import type { Clock } from '../../kernel/clock';
import { decodeEscPos, type DecodedJob } from '../printer/escpos-decoder';
import { monoToPng } from '../printer/png';
import { canPrint, healthOf, reasonOf, type PrinterCondition } from '../printer/printer-condition';
import { PrinterError, type PrinterPort } from '../printer/printer-port';


export interface VirtualPrintRecord {
  readonly receivedAt: Date;
  readonly bytes: number;
  readonly job: DecodedJob;
  readonly pngFiles: string[];
}

/**
 * A printer that decodes the ESC/POS it receives back into PNG files in `outDir`: the tests'
 * eyes, and the demo kiosk's printer. It can be put into each paper state for tests and demos.
 */
export class VirtualPrinter implements PrinterPort {
  private state: PrinterCondition = 'ok';
  private failNext: string | null = null;
  private readonly records: VirtualPrintRecord[] = [];
  private jobsReceived = 0;
  private readonly listeners = new Set<(r: VirtualPrintRecord) => void>();

  constructor(
    readonly paperWidthDots: 576 | 384,
    private readonly outDir: string,
    private readonly clock: Clock,
    private readonly keepRecords = 20,
    /** PNG files kept in `outDir`; the oldest go first, so a demo kiosk's disk does not fill up. */
    private readonly keepImages = 300,
  ) {}

  setState(state: PrinterCondition): void {
    this.state = state;
  }

  /** Paper put in: an empty or nearly empty roll is full again; a cover open or an offline printer stays so. */
  paperRefilled(): void {
    if (this.state === 'paper-out' || this.state === 'paper-near-end') this.state = 'ok';
  }

  /** The next job breaks off mid-way (a jam, a reset socket) while the status still says ready. */
  failNextJob(reason: string): void {
    this.failNext = reason;
  }

  condition(): PrinterCondition {
    return this.state;
  }

  health(): DeviceHealth {
    return healthOf(this.state, this.clock.now());
  }

  async send(job: Uint8Array): Promise<void> {
    if (!canPrint(this.state)) throw new PrinterError(reasonOf(this.state));
    if (this.failNext !== null) {
      const reason = this.failNext;
      this.failNext = null;
      throw new PrinterError(reason);
    }
    const receivedAt = this.clock.now();
    const decoded = decodeEscPos(job, this.paperWidthDots);
    const stamp = receivedAt.toISOString().replace(/[:.]/g, '-');
    // Made when a job arrives, not at start: a read-only data folder must not stop the kiosk.
    mkdirSync(this.outDir, { recursive: true, mode: 0o700 });
    // Two jobs in one millisecond still get two names; padded so that name order stays age order.
    const jobNumber = String(this.jobsReceived++).padStart(8, '0');
    const pngFiles = decoded.pages.map((page, i) => {
      const file = join(this.outDir, `${stamp}-${jobNumber}-${i}.png`);
      // Owner only: a printed receipt shows the applicant's name (decision 0022).
      writeFileSync(file, monoToPng(page), { mode: 0o600 });
      return file;
    });
    this.removeOldestImages();
    const record = { receivedAt, bytes: job.length, job: decoded, pngFiles };
    this.records.push(record);
    if (this.records.length > this.keepRecords) this.records.shift();
    for (const l of this.listeners) l(record);
  }

  /** File names start with the ISO time of their job, so name order is age order. */
  private removeOldestImages(): void {
    try {
      const images = readdirSync(this.outDir)
        .filter((name) => name.endsWith('.png'))
        .sort();
      for (const name of images.slice(0, Math.max(0, images.length - this.keepImages))) rmSync(join(this.outDir, name), { force: true });
    } catch {
      // A file that cannot be removed now is removed with a later job; the print itself succeeded.
    }
  }

  lastPrint(): VirtualPrintRecord | undefined {
    return this.records.at(-1);
  }

  onPrint(listener: (r: VirtualPrintRecord) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
