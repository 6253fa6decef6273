import type { Language } from '../../src-shared/dto';
import type { AlertReason, ReasonParams } from '../../src-shared/reasons';
import { KioskError } from '../kernel/kiosk-error';
import { logEvent } from '../kernel/log-events';
import type { Logger } from '../kernel/logger';
import type { FreeSpacePort } from './free-space';
import { isStorageWriteFailure, storageFullMessage, storageFullScanMessage, storageLowScanMessage } from './storage-failure';

export interface StorageWatchParts {
  space: FreeSpacePort;
  /** The data folder: the store, the scanned files and the logs all live there. */
  dir: string;
  minFreeBytes: number;
  /** The staff alert of the storage (StaffAlerts, above this folder, is one). */
  alerts: { raise(source: 'storage', reason: AlertReason, more?: { params?: ReasonParams; detail?: string }): void; resolve(source: 'storage'): void };
  logger: Logger;
  intervalMs: number;
}

/** ok; low: under the minimum; full: a write was refused and a probe write still is. */
export type StorageLevel = 'ok' | 'low' | 'full' | 'unknown';

const MB = 1024 * 1024;
const mb = (bytes: number) => Math.floor(bytes / MB);

/**
 * Watches the free space of the data folder. Under the minimum it raises a staff alert (resolved
 * when room is back) and refuses new scans, so the disk does not fill while a citizen is in the
 * middle of a dossier. A disk that filled anyway is turned into a plain answer by `explain`.
 */
export class StorageWatch {
  private level: StorageLevel = 'unknown';
  private freeBytes: number | null = null;
  /** A write was refused: statfs alone may not see why (a file-size limit, quota), so a probe write decides. */
  private refused = false;
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(private readonly parts: StorageWatchParts) {}

  start(): void {
    void this.check();
    this.timer ??= setInterval(() => void this.check(), this.parts.intervalMs);
    this.timer.unref?.();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Looks at the free space now; never rejects. A failed look keeps the last known level. */
  async check(): Promise<StorageLevel> {
    const { space, dir, minFreeBytes, alerts, logger } = this.parts;
    let free: number;
    try {
      free = await space.freeBytes(dir);
      this.freeBytes = free;
    } catch (error) {
      logger.log('warn', 'free space check failed', { dir, error: String(error) });
      return this.level;
    }
    if (this.refused) {
      try {
        await space.probeWrite(dir);
        this.refused = false;
      } catch (error) {
        this.level = 'full';
        logger.log('warn', 'data folder still refuses writes', { dir, error: String(error) });
        return this.level;
      }
    }
    const level: StorageLevel = free < minFreeBytes ? 'low' : 'ok';
    // Raised on the way down only: the figure changes at every look, the alert should not.
    if (level === 'ok') alerts.resolve('storage');
    else if (this.level !== 'low') {
      alerts.raise('storage', 'disk_nearly_full', { params: { freeMegabytes: mb(free), minFreeMegabytes: mb(minFreeBytes) }, detail: dir });
    }
    if (level !== this.level) {
      const fields = { freeMegabytes: mb(free), minFreeMegabytes: mb(minFreeBytes) };
      if (level === 'low') logEvent(logger, 'warn', 'storage.disk_low', fields);
      else logEvent(logger, 'info', 'storage.disk_ok', fields);
    }
    this.level = level;
    return level;
  }

  /** The level and free bytes at the last look (for the heartbeat); no new look. */
  current(): { level: StorageLevel; freeBytes: number | null } {
    return { level: this.level, freeBytes: this.freeBytes };
  }

  /** Before a scan: refuses with words for the citizen when the disk is nearly full (or full). */
  async assertRoomForScan(language: Language): Promise<void> {
    const level = await this.check();
    if (level === 'low') throw new KioskError('device_unavailable', storageLowScanMessage[language]);
    if (level === 'full') throw new KioskError('device_unavailable', storageFullScanMessage[language]);
  }

  /**
   * The error a handler threw, made plain when it was the disk taking no more (nothing half-written:
   * the store rolled back, the content store kept no partial file), with a staff alert that stays
   * open until a probe write succeeds again. Other errors, and ones a service already put into
   * plain words, pass unchanged.
   */
  explain(error: unknown, method: string, language: Language): unknown {
    if (!isStorageWriteFailure(error)) return error;
    const detail = rootMessage(error);
    this.parts.logger.log('error', 'write refused by the disk', { method, error: detail });
    this.parts.alerts.raise('storage', 'disk_full', { detail: `${detail} (${this.parts.dir})` });
    logEvent(this.parts.logger, 'error', 'storage.disk_low', { full: true, method });
    this.refused = true;
    this.level = 'full';
    return error instanceof KioskError ? error : new KioskError('store_unavailable', storageFullMessage[language], { cause: error });
  }
}

/** The message of the innermost cause: the system's own words (EFBIG, SQLITE_FULL…). */
function rootMessage(error: unknown): string {
  let e = error;
  for (let depth = 0; depth < 5 && e instanceof Error && e.cause instanceof Error; depth++) e = e.cause;
  return e instanceof Error ? `${(e as { code?: unknown }).code ?? e.name}: ${e.message}` : String(e);
}
