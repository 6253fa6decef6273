import * as nodeFs from 'node:fs';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import type { Clock } from '../kernel/clock';
import type { DossierServiceConfig } from './dossier-config';
import type { Logger } from '../kernel/logger';
import type { PrinterPort } from '../devices/printer/printer-port';
import { ContentStore, type StoreFs } from './content-store';
import { DossierService } from './dossier-service';
import { PageStaging } from './page-staging';

/** Builds the dossier parts on `<data dir>/files` and runs the start sweep before anything is served. */
export function createDossierService(
  db: Database,
  dataDir: string,
  config: DossierServiceConfig,
  printer: PrinterPort,
  clock: Clock,
  logger: Logger,
  fs: StoreFs = nodeFs,
): DossierService {
  const root = join(dataDir, 'files');
  const store = new ContentStore(root, fs);
  const staging = new PageStaging(root, fs, store, () => clock.now().getTime());
  const service = new DossierService(db, config, store, staging, fs, printer, clock, logger);
  service.sweep();
  return service;
}
