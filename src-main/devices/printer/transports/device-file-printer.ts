import { constants } from 'node:fs';
import { access, open } from 'node:fs/promises';
import type { DeviceHealth } from '../../../../src-shared/dto';
import type { Clock } from '../../../kernel/clock';
import { healthOf, reasonOf, type PrinterCondition } from '../printer-condition';
import { PrinterError, type PrinterPort } from '../printer-port';

export interface DeviceFilePrinterOptions {
  /** e.g. /dev/usb/lp0 (Linux usblp). */
  path: string;
  paperWidthDots: 576 | 384;
  writeTimeoutMs?: number;
}

/**
 * A USB printer seen as a device file. The file is opened for each job after a non-blocking
 * probe, so an unplugged printer (ENOENT, ENXIO, ENODEV) is reported at once instead of hanging.
 * Paper status is not read through the file: usblp's read side blocks on many printers; a USB
 * printer's paper state comes from a failed write or from the printer's own light.
 */
export class DeviceFilePrinter implements PrinterPort {
  readonly paperWidthDots: 576 | 384;
  private last: { condition: PrinterCondition; detail?: string; at: Date };

  constructor(
    private readonly options: DeviceFilePrinterOptions,
    private readonly clock: Clock,
  ) {
    this.paperWidthDots = options.paperWidthDots;
    this.last = { condition: 'offline', detail: 'not checked yet', at: clock.now() };
  }

  health(): DeviceHealth {
    return healthOf(this.last.condition, this.last.at, this.last.detail);
  }

  async refreshHealth(): Promise<DeviceHealth> {
    try {
      await access(this.options.path, constants.W_OK);
      if (this.last.condition === 'offline') this.last = { condition: 'ok', at: this.clock.now() };
    } catch (error) {
      this.last = { condition: 'offline', detail: describe(this.options.path, error), at: this.clock.now() };
    }
    return this.health();
  }

  async send(job: Uint8Array): Promise<void> {
    const { path, writeTimeoutMs = 10_000 } = this.options;
    let timer: NodeJS.Timeout | undefined;
    try {
      // A non-blocking open fails at once when nothing is attached; the write itself must block,
      // or a job larger than the device's buffer would fail half-way with EAGAIN.
      await (await open(path, constants.O_WRONLY | constants.O_NONBLOCK)).close();
      const file = await open(path, constants.O_WRONLY);
      try {
        const timeout = new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error(`write did not finish within ${writeTimeoutMs} ms`)), writeTimeoutMs);
        });
        await Promise.race([file.writeFile(job), timeout]);
      } finally {
        clearTimeout(timer);
        await file.close().catch(() => undefined);
      }
      this.last = { condition: 'ok', at: this.clock.now() };
    } catch (error) {
      this.last = { condition: 'offline', detail: describe(path, error), at: this.clock.now() };
      throw new PrinterError(`${reasonOf('offline')}: ${describe(path, error)}`);
    }
  }
}

function describe(path: string, error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT' || code === 'ENODEV') return `${path} is missing (printer unplugged or switched off?)`;
  if (code === 'ENXIO') return `${path} has no printer attached`;
  if (code === 'EACCES' || code === 'EPERM') return `no permission to write ${path} (add the kiosk user to the lp group)`;
  if (code === 'EAGAIN') return `${path} is busy`;
  return `${path}: ${(error as Error).message}`;
}
