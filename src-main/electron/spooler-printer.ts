import type { WebContentsPrintOptions } from 'electron';
import type { DeviceHealth } from '../../src-shared/dto';
import type { Clock } from '../kernel/clock';
import { decodeEscPos } from '../devices/printer/escpos-decoder';
import { healthOf } from '../devices/printer/printer-condition';
import { PrinterError, type PrinterPort } from '../devices/printer/printer-port';
import { heightMmOf, spoolerDocument } from './spooler-document';
import { buildSpoolerPrintOptions, type SpoolerPaper } from './spooler-print-options';

export interface SystemPrinterInfo {
  name: string;
  displayName: string;
}

/** Where a print goes in Electron: a hidden page that loads the document and prints it. */
export interface PrintSurface {
  /** Resolves with what `webContents.print`'s callback reported. */
  print(html: string, options: WebContentsPrintOptions): Promise<{ success: boolean; failureReason: string }>;
  listPrinters(): Promise<SystemPrinterInfo[]>;
}

export interface SpoolerPrinterOptions {
  paper: SpoolerPaper;
  /** The system (CUPS/Windows) name of the printer; empty: the system default. */
  deviceName: string;
  /** The raster width the kiosk lays prints out for (576 for 72 mm of print on 80 mm paper). */
  paperWidthDots: 576 | 384;
}

/**
 * A printer reached through the operating system's spooler (a receipt printer with a CUPS or
 * Windows driver, or an A5/A4 office printer). It takes the same ESC/POS jobs as the other
 * transports: the job is decoded back into its raster (what a thermal printer would print) and
 * each cut is printed as one page at its physical size. Paper status is whatever the spooler
 * knows; the kiosk can only see whether the printer is installed.
 */
export class SpoolerPrinter implements PrinterPort {
  readonly paperWidthDots: 576 | 384;
  private last: DeviceHealth;

  constructor(
    private readonly options: SpoolerPrinterOptions,
    private readonly surface: PrintSurface,
    private readonly clock: Clock,
  ) {
    this.paperWidthDots = options.paperWidthDots;
    this.last = healthOf('offline', clock.now(), undefined, 'printer_not_checked');
  }

  health(): DeviceHealth {
    return this.last;
  }

  async refreshHealth(): Promise<DeviceHealth> {
    const name = this.options.deviceName.trim();
    try {
      const printers = await this.surface.listPrinters();
      // Electron does not say which printer is the default: with no name, any installed one will do.
      const found = name ? printers.find((p) => p.name === name) : printers[0];
      this.last = found
        ? healthOf('ok', this.clock.now())
        : healthOf('offline', this.clock.now(), name ? `no system printer named ${name}` : 'no system printer installed', 'printer_not_installed');
    } catch (error) {
      this.last = healthOf('offline', this.clock.now(), error instanceof Error ? error.message : String(error));
    }
    return this.last;
  }

  async send(job: Uint8Array, signal?: AbortSignal): Promise<void> {
    const decoded = decodeEscPos(job, this.paperWidthDots);
    for (const page of decoded.pages) {
      if (signal?.aborted) throw new PrinterError('printing was cancelled');
      const options = buildSpoolerPrintOptions({ paper: this.options.paper, contentHeightMm: heightMmOf(page), deviceName: this.options.deviceName });
      const result = await this.surface.print(spoolerDocument(page, this.options.paper), options);
      if (!result.success) {
        this.last = healthOf('offline', this.clock.now(), result.failureReason);
        throw new PrinterError(`The system printer did not print: ${result.failureReason}`);
      }
    }
    this.last = healthOf('ok', this.clock.now());
  }
}
