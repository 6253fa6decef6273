import type { Clock } from '../../kernel/clock';
import { assertNever } from '../../../src-shared/assert-never';
import type { DocumentScannerConfig } from './docscan-config';
import type { DocumentScannerPort } from './document-scanner-port';
import type { ProcessSpawner } from './process-runner';
import { SaneScanner } from './sane-scanner';
import { VirtualDocumentScanner } from './virtual-document-scanner';

export interface DocumentScannerEnvironment {
  spawner: ProcessSpawner;
  /** scanimage's environment (SANE_CONFIG_DIR and the like come from the kiosk's own). */
  env: NodeJS.ProcessEnv;
  /** Where each scan's temporary folder goes (it is removed when the scan ends). */
  tempDir: string;
  clock: Clock;
}

/** The document scanner the config names (`devices.documentScanner.driver`). */
export function createDocumentScanner(config: DocumentScannerConfig, environment: DocumentScannerEnvironment): DocumentScannerPort {
  const { driver } = config;
  switch (driver) {
    case 'virtual':
      return new VirtualDocumentScanner(environment.clock);
    case 'sane':
      return new SaneScanner(
        {
          scanimagePath: config.scanimagePath,
          ...(config.device ? { device: config.device } : {}),
          timeoutMs: config.timeoutSeconds * 1000,
          env: environment.env,
          tempDir: environment.tempDir,
        },
        environment.spawner,
        environment.clock,
      );
    default:
      return assertNever(driver);
  }
}
