import type { DeviceHealth } from '../../../src-shared/dto';
import type { DeviceReason } from '../../../src-shared/reasons';

/**
 * A barcode/QR scanner: hands over each scanned text as it was read (no parsing here; the
 * ScannerService classifies it) and says whether it is there.
 */
export interface BarcodeScannerPort {
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Each scan's text, once per scan. Returns the unsubscribe function. */
  onScan(listener: (text: string) => void): () => void;
  /** Called when health changes (plugged, unplugged), so the UI need not wait for a poll. */
  onHealth(listener: (health: DeviceHealth) => void): () => void;
  /** The last known health, without I/O. */
  health(): DeviceHealth;
}

/** Listener sets for scanner drivers: a throwing listener must not stop the others or the driver. */
export class ScannerListeners {
  private readonly scan = new Set<(text: string) => void>();
  private readonly healthListeners = new Set<(health: DeviceHealth) => void>();

  onScan(listener: (text: string) => void): () => void {
    this.scan.add(listener);
    return () => this.scan.delete(listener);
  }

  onHealth(listener: (health: DeviceHealth) => void): () => void {
    this.healthListeners.add(listener);
    return () => this.healthListeners.delete(listener);
  }

  emitScan(text: string): void {
    for (const l of this.scan) {
      try {
        l(text);
      } catch {
        // A listener's bug is its own; the scanner keeps reading.
      }
    }
  }

  emitHealth(health: DeviceHealth): void {
    for (const l of this.healthListeners) {
      try {
        l(health);
      } catch {
        // As above.
      }
    }
  }
}

export const scannerHealth = (state: DeviceHealth['state'], reason: DeviceReason, at: Date, detail?: string): DeviceHealth => ({
  device: 'barcode-scanner',
  state,
  reason,
  ...(detail ? { detail } : {}),
  at: at.toISOString(),
});
