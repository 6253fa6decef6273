import { join } from 'node:path';
import type { ExportDestination, ExportMount, LogExportResult } from '../../src-shared/diagnostics';
import { assertNever } from '../../src-shared/assert-never';
import { KioskError } from '../kernel/kiosk-error';
import type { Logger } from '../kernel/logger';
import type { LogExport } from './log-export';
import type { OneShotDownloads } from './one-shot-downloads';

export interface LogExportServiceDeps {
  zip: Pick<LogExport, 'build'>;
  mounts(): Promise<ExportMount[]>;
  downloads: Pick<OneShotDownloads, 'offer'>;
  /** Sends the zip to the portal; null when no portal is configured. */
  sendToPortal: ((zip: Buffer) => Promise<{ id: string }>) | null;
  logger: Logger;
  /** Writes the zip to the drive (node:fs/promises writeFile at the composition root). */
  writeFile(path: string, data: Uint8Array, options: { flag: string; flush: boolean }): Promise<void>;
}

/** Puts a fresh log export where IT asked: a USB drive, a one-shot download, or the portal (decision 0030). */
export class LogExportService {
  constructor(private readonly deps: LogExportServiceDeps) {}

  async export(destination: ExportDestination): Promise<LogExportResult> {
    const { logger } = this.deps;
    switch (destination.kind) {
      case 'usb': {
        // The renderer is untrusted: only a drive main listed itself is written to.
        const mount = (await this.deps.mounts()).find((m) => m.path === destination.mount);
        if (!mount) throw new KioskError('not_found', 'That drive is no longer there. Plug it in again and refresh the list.');
        const zip = await this.deps.zip.build();
        const target = join(mount.path, zip.fileName);
        try {
          await this.deps.writeFile(target, zip.bytes, { flag: 'wx', flush: true });
        } catch (error) {
          logger.log('warn', 'log export not written', { drive: mount.label, error: error instanceof Error ? error.message : String(error) });
          throw new KioskError('device_unavailable', `The drive ${mount.label} did not take the file (full or read-only?).`);
        }
        logger.log('info', 'log export written', { destination: 'usb', drive: mount.label, bytes: zip.bytes.length });
        return { kind: 'usb', fileName: zip.fileName, bytes: zip.bytes.length, writtenTo: target, downloadPath: null, portalId: null };
      }
      case 'download': {
        const zip = await this.deps.zip.build();
        const token = this.deps.downloads.offer(zip.fileName, zip.bytes);
        logger.log('info', 'log export ready to download', { destination: 'download', bytes: zip.bytes.length });
        return { kind: 'download', fileName: zip.fileName, bytes: zip.bytes.length, writtenTo: null, downloadPath: `/exports/${token}`, portalId: null };
      }
      case 'portal': {
        const send = this.deps.sendToPortal;
        if (!send) throw new KioskError('device_unavailable', 'No portal is configured on this kiosk.');
        const zip = await this.deps.zip.build();
        try {
          const { id } = await send(zip.bytes);
          logger.log('info', 'log export sent to the portal', { destination: 'portal', bytes: zip.bytes.length, id });
          return { kind: 'portal', fileName: zip.fileName, bytes: zip.bytes.length, writtenTo: null, downloadPath: null, portalId: id };
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          logger.log('warn', 'log export not sent to the portal', { error: message });
          throw new KioskError('device_unavailable', `The portal did not take the export: ${message}`);
        }
      }
      default:
        return assertNever(destination);
    }
  }
}
