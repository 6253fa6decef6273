import type { DeviceHealth } from '../../../src-shared/dto';
import type { RawPage } from './raw-page';

export interface ScanRequest {
  resolution: number;
  mode: 'gray' | 'color';
  source: 'flatbed' | 'adf';
  /** Pages to take at most from the feeder (the glass gives one). */
  maxPages: number;
}

export interface ScannerDevice {
  name: string;
  description: string;
}

/** What to do after a page: go on, or stop the device because the kiosk has what it can keep. */
export type PageDecision = 'continue' | 'stop';

/**
 * A document scanner. `scan` hands over each page as soon as the device finished it, in order,
 * waiting for `onPage` before the next; it resolves with the number of pages delivered, and
 * rejects with a DocumentScanError. A driver leaves no temporary files behind, whatever happens.
 */
export interface DocumentScannerPort {
  scan(request: ScanRequest, signal: AbortSignal | undefined, onPage: (page: RawPage) => Promise<PageDecision>): Promise<number>;
  listDevices(signal?: AbortSignal): Promise<ScannerDevice[]>;
  /** The last known health, without I/O. */
  health(): DeviceHealth;
  refreshHealth?(): Promise<DeviceHealth>;
}
