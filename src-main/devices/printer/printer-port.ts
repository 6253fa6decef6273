import type { DeviceHealth } from '../../../src-shared/dto';

/** A receipt/ticket printer. Drivers differ only in how the ESC/POS bytes travel. */
export interface PrinterPort {
  readonly paperWidthDots: 576 | 384;
  /** Resolves when the printer took the whole job; rejects with a PrinterError otherwise. */
  send(job: Uint8Array, signal?: AbortSignal): Promise<void>;
  health(): DeviceHealth;
}

export class PrinterError extends Error {}
