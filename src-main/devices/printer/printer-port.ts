import type { DeviceHealth } from '../../../src-shared/dto';

/** A receipt/ticket printer. Drivers differ only in how the ESC/POS bytes travel. */
export interface PrinterPort {
  readonly paperWidthDots: 576 | 384;
  /** Resolves when the printer took the whole job; rejects with a PrinterError otherwise. */
  send(job: Uint8Array, signal?: AbortSignal): Promise<void>;
  /** The last known health, without I/O. */
  health(): DeviceHealth;
  /** Asks the device (e.g. `DLE EOT`); drivers that cannot ask leave it out. */
  refreshHealth?(): Promise<DeviceHealth>;
  /** Staff say they put paper in: a printer with no sensor to ask (the virtual one) takes their word. */
  paperRefilled?(): void;
}

export class PrinterError extends Error {}
