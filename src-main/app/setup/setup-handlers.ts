import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ReloadReason } from '../../../src-shared/contract';
import { localDay, type Clock } from '../../kernel/clock';
import { KioskError } from '../../kernel/kiosk-error';
import type { Logger } from '../../kernel/logger';
import { writeFileAtomic } from '../../kernel/write-file-atomic';
import type { BarcodeScannerPort } from '../../devices/scanner/barcode-scanner-port';
import type { PrinterPort } from '../../devices/printer/printer-port';
import { createBarcodeScanner } from '../../devices/scanner/create-barcode-scanner';
import type { HidModule } from '../../devices/scanner/hid-pos-scanner';
import { loadNodeHid } from '../../devices/scanner/node-hid-module';
import { nodeSpawner } from '../../devices/docscan/process-runner';
import type { StaffAccessService } from '../../staff/staff-access-service';
import type { KioskConfig } from '../config';
import type { Handlers } from '../dispatcher';
import type { Database } from 'better-sqlite3';
import type { CredentialStore } from '../../sync/credential-store';
import { keepEnrollment } from '../../sync/enrollment-record';
import { embeddedDefaults } from '../load-config';
import { SetupService } from './setup-service';

export interface SetupWiring {
  dataDir: string;
  config: KioskConfig;
  setupMode: boolean;
  host: 'web' | 'electron';
  version: string;
  clock: Clock;
  logger: Logger;
  runningScanner: BarcodeScannerPort;
  runningPrinter: PrinterPort;
  /** node-hid stand-in (tests); the real one is loaded when a step asks. */
  hid?: HidModule | undefined;
  access: StaffAccessService | undefined;
  /** The store and the credential store the next core will use (the wizard's enrollment is kept there). */
  db: Database | undefined;
  credentials: CredentialStore;
  reload: ((reason: ReloadReason) => void) | undefined;
  fetch: typeof fetch;
}

export type SetupMethod = 'getSetupState' | 'checkSetupCenter' | 'checkSetupPortal' | 'readSetupQr' | 'listSetupDevices' | 'testSetupPrinter' | 'testSetupBarcodeScanner' | 'testSetupDocumentScanner' | 'finishSetup';

/** The set-up wizard's methods, wired to the core's parts (the composition root spreads them in). */
export function setupHandlers(w: SetupWiring): Pick<Handlers, SetupMethod> {
  const configFile = join(w.dataDir, 'config.json');
  const service = w.access
    ? new SetupService({
        mode: w.setupMode ? 'first-start' : 'redo',
        config: w.config,
        appVersion: w.version,
        clock: w.clock,
        logger: w.logger,
        devices: {
          dataDir: w.dataDir,
          host: w.host,
          clock: w.clock,
          logger: w.logger,
          usbDeviceNames: () => (existsSync('/dev/usb') ? readdirSync('/dev/usb') : []),
          hid: () => (w.hid ? Promise.resolve(w.hid) : loadNodeHid()),
          spawner: nodeSpawner,
          env: process.env,
          tempDir: tmpdir(),
        },
        runningScanner: w.runningScanner,
        runningPrinter: w.runningPrinter,
        scannerFor: (config) => createBarcodeScanner(config, w.dataDir, w.clock, w.logger, w.hid),
        access: w.access,
        embeddedDefaults,
        readWritten: () => (existsSync(configFile) ? (JSON.parse(readFileSync(configFile, 'utf8')) as Record<string, unknown>) : {}),
        writeConfig: (text) => {
          mkdirSync(w.dataDir, { recursive: true, mode: 0o700 });
          writeFileAtomic(configFile, text, w.dataDir);
        },
        keepEnrollment: w.db ? (e) => keepEnrollment(w.db as Database, w.credentials, e, w.clock.now()) : null,
        reload: w.reload ?? null,
        today: () => localDay(w.clock.now(), w.config.center.timeZone),
        fetch: w.fetch,
      })
    : undefined;
  const need = (): SetupService => {
    if (!service) throw new KioskError('store_unavailable', 'The kiosk cannot reach its local store. Please ask the staff.');
    return service;
  };
  return {
    getSetupState: () => need().state(),
    checkSetupCenter: (r) => need().checkCenter(r),
    checkSetupPortal: (r) => need().checkPortal(r),
    readSetupQr: ({ wedgeText }) => need().readQr(wedgeText),
    listSetupDevices: () => need().listDevices(),
    testSetupPrinter: (r) => need().testPrinter(r),
    testSetupBarcodeScanner: (r) => need().testBarcodeScanner(r),
    testSetupDocumentScanner: (r) => need().testDocumentScanner(r),
    finishSetup: (r) => need().finish(r),
  };
}
