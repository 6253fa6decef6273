import { randomBytes, randomUUID } from 'node:crypto';
import * as nodeFs from 'node:fs';
import * as nodeFsPromises from 'node:fs/promises';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import { wireSync } from './wire-sync';
import type { KioskInfo, StoreStatus } from '../../src-shared/dto';
import { openDatabase, StoreOpenError } from '../db/open-database';
import { RENDER_PROOF_FRESH_SECONDS, RenderProof } from '../devices/display/render-proof';
import { IdleMoment } from '../devices/display/idle-moment';
import { CrashAlert, NO_CRASH_MARKS, type CrashMarks } from './crash-alert';
import type { OutOfServiceMark } from './crash-record';
import type { PrinterPort } from '../devices/printer/printer-port';
import { CatalogService } from '../catalog/catalog-service';
import { createDossierService } from '../dossier/create-dossier-service';
import { ScanIntoSession } from '../dossier/scan-into-session';
import { QueueService } from '../queue/queue-service';
import { FileCredentialStore, type CredentialStore } from '../sync/credential-store';
import { realWait } from '../outbox/wait';
import type { Clock } from '../kernel/clock';
import {  type KioskConfig } from './config';
import type { DossierServiceConfig } from '../dossier/dossier-config';
import { Dispatcher, type Handlers } from './dispatcher';
import { EventBus } from '../kernel/event-bus';
import { KioskError } from '../kernel/kiosk-error';
import { logEvent } from '../kernel/log-events';
import type { Logger } from '../kernel/logger';
import { assetsDir } from './paths';
import type { BarcodeScannerPort } from '../devices/scanner/barcode-scanner-port';
import { ScannerService } from '../scan/scanner-service';
import { DeviceDiagnostics } from '../staff/device-diagnostics';
import { StaffAlerts } from '../staff/staff-alerts';
import { RoleSessions } from '../staff/role-sessions';
import { StaffAccessService } from '../staff/staff-access-service';
import { StaffWork } from '../staff/staff-work';
import { PaymentService } from '../payment/payment-service';
import { RatingService } from '../rating/rating-service';
import { requestFetch } from '../sync/request-fetch';
import { secureDataDir } from '../privacy/data-dir-modes';
import { PersonalDataPurge } from '../privacy/personal-data-purge';
import { statfsFreeSpace, type FreeSpacePort } from '../storage/free-space';
import { StorageWatch } from '../storage/storage-watch';
import { withStorageFaults } from '../storage/with-storage-faults';
import { DayReportService } from '../report/day-report-service';
import { TerminalEventRecorder } from '../report/terminal-event-recorder';
import { DeviceHistory } from '../diagnostics/device-history';
import { DiagnosticsService } from '../diagnostics/diagnostics-service';
import { listExportMounts } from '../diagnostics/export-mounts';
import { LogExport } from '../diagnostics/log-export';
import { LogExportService } from '../diagnostics/log-export-service';
import { OneShotDownloads } from '../diagnostics/one-shot-downloads';
import { RecentEvents, teeLogger } from '../diagnostics/recent-events';
import { SYNC_API_VERSION } from '../sync/api-version';
import { LinkLog } from '../sync/link-log';
import { logKioskStart } from './kiosk-start-log';
import { logConfigChange } from './config-change-log';
import type { ReloadReason } from '../../src-shared/contract';
import { setupHandlers } from './setup/setup-handlers';
import { createCoreDevices, type GivenDevices } from './core-devices';
import type { CoreParts } from './handlers/core-parts';
import { citizenHandlers } from './handlers/citizen-handlers';
import { staffHandlers } from './handlers/staff-handlers';
import { itHandlers } from './handlers/it-handlers';
import { CentralConfigApplier } from './central-config-apply';
import { localConfigLayers } from './load-config';

/** What a host gives a core; devices it leaves out are the drivers the configuration names. */
export interface KioskCoreOptions extends GivenDevices {
  dataDir: string;
  config: KioskConfig;
  host: KioskInfo['host'];
  version: string;
  clock: Clock;
  logger: Logger;
  /** Imported on first start when the store has no catalog yet. */
  initialCatalogFile?: string;
  /** Where the portal credential is kept; defaults to a 0600 file in the data dir (Electron passes safeStorage). */
  credentials?: CredentialStore;
  /** Free space of the data folder; defaults to statfs (tests give any figure). */
  freeSpace?: FreeSpacePort;
  /**
   * Asks the host to close this core and start a new one from the configuration on disk (set-up
   * finished, a central configuration to apply); absent where nothing can restart the core (tests).
   */
  reload?: (reason: ReloadReason) => void;
  /** The Electron host's crash record: an out-of-service mark left by an earlier run raises the `crash` alert. */
  crashes?: CrashMarks;
  /** No configuration yet (issue #19): the renderer shows the set-up wizard, not the kiosk. */
  setupMode?: boolean;
}

export interface KioskCore {
  readonly dispatcher: Dispatcher;
  readonly events: EventBus;
  readonly printer: PrinterPort;
  readonly barcodeScanner: BarcodeScannerPort;
  readonly store: StoreStatus;
  /** Log exports waiting for the browser host to serve them once (decision 0030). */
  readonly downloads: Pick<OneShotDownloads, 'take'>;
  /** The display's render proof, for the host's /healthz (the Linux watchdog asks it). */
  readonly renderProof: Pick<RenderProof, 'state' | 'verdict'>;
  /** Between citizens (attract screen proven, no citizen or staff session): when an update may install (decision 0039). */
  isIdle(): boolean;
  /** The core's logger: the log files and the IT diagnostics' last events (the host's updater logs through it). */
  readonly logger: Logger;
  /** Out of service while the core runs (GPU crashes): the `crash` staff alert at once. */
  reportOutOfService(mark: OutOfServiceMark): void;
  close(): Promise<void>;
}

/** The one place where the kiosk's parts are built and wired, with plain constructors. */
export async function createKioskCore(options: KioskCoreOptions): Promise<KioskCore> {
  const { dataDir, config, clock } = options;
  const startedAt = clock.now();
  // IT diagnostics (decision 0030): the last log events in memory too, exactly as the logger gets them.
  const recentEvents = new RecentEvents(clock);
  const logger = teeLogger(options.logger, recentEvents);
  // Owner-only data folder; one an older kiosk left open is tightened (decision 0022).
  try {
    const { tightened } = secureDataDir(dataDir, nodeFs);
    if (tightened > 0) logger.log('info', 'data folder made owner-only', { tightened });
  } catch (error) {
    // A read-only data folder: the kiosk still starts, and the store's failure says what is wrong.
    logger.log('error', 'data folder modes not set', { error: error instanceof Error ? error.message : String(error) });
  }
  const events = new EventBus();
  const deviceHistory = new DeviceHistory(events);
  const { printer, barcodeScanner, documentScans, speech, monitor } = await createCoreDevices(options, config, { dataDir, clock, logger, events });
  // Both listen to deviceHealth, so they are built before the monitor reports anything.
  const staffAlerts = new StaffAlerts(events, clock);
  const crashAlert = new CrashAlert(staffAlerts, options.crashes ?? NO_CRASH_MARKS, config.center.timeZone);
  crashAlert.start();
  const storage = new StorageWatch({
    space: options.freeSpace ?? statfsFreeSpace,
    dir: dataDir,
    minFreeBytes: config.storage.minFreeMegabytes * 1024 * 1024,
    alerts: staffAlerts,
    logger,
    intervalMs: config.storage.checkSeconds * 1000,
  });
  const diagnostics = new DeviceDiagnostics(events);
  const renderProof = new RenderProof(clock);
  // Between citizens: when a central configuration (decision 0041) or an update (0039) may act.
  const idleMoment = new IdleMoment({
    clock,
    proof: () => renderProof.state(),
    staffSessionOpen: () => roleSessions.anyOpen(),
    freshSeconds: RENDER_PROOF_FRESH_SECONDS,
  });
  const centralConfig = new CentralConfigApplier({
    dataDir,
    running: config,
    localLayers: () => localConfigLayers(dataDir),
    idle: () => idleMoment.idle(),
    reload: options.reload,
    alerts: staffAlerts,
    clock,
    logger,
  });
  centralConfig.start();
  const scans = new ScannerService(barcodeScanner, events, clock, config.center.timeZone, logger);
  const unwatchScanner = barcodeScanner.onHealth(() => monitor.check());

  let db: Database | undefined;
  let store: StoreStatus = { state: 'ok' };
  try {
    db = openDatabase(join(dataDir, 'kiosk.sqlite3'), {
      onMigrated: ({ from, to }) => {
        if (from !== to) logEvent(logger, 'info', 'db.migration', { from, to });
      },
    });
  } catch (error) {
    if (!(error instanceof StoreOpenError)) throw error;
    // The kiosk still starts so the screen can say what is wrong; nothing is re-created.
    store = error.failure;
    logger.log('error', 'store unavailable', { reason: error.failure.reason, detail: error.failure.message });
  }
  // Personal data leaves the terminal once the portal has it (decision 0022); started with sync.
  const purge = db
    ? new PersonalDataPurge({
        db,
        fileRoot: join(dataDir, 'files'),
        printsDir: config.printer.driver === 'virtual' ? join(dataDir, 'prints') : null,
        sweepAbandonedSessions: (idleMs) => dossiers?.sweepAbandonedSessions(idleMs) ?? 0,
        // Longer than any live session can stay untouched: the screen's idle timeout ends those first.
        abandonedAfterMs: (config.idle.timeoutSeconds + config.idle.warningSeconds) * 1000 + 60_000,
        receiptScreenMs: (config.idle.timeoutSeconds + config.idle.warningSeconds) * 1000,
        retentionHours: config.privacy.retentionHours,
        intervalMs: config.privacy.purgeIntervalSeconds * 1000,
        clock,
        fs: nodeFs,
        logger,
        alerts: staffAlerts,
        wait: realWait,
      })
    : undefined;
  const credentials = options.credentials ?? new FileCredentialStore(join(dataDir, 'portal-credential'));
  // Sync runs in the background (enrollment retried, never blocking start-up); no portal configured = disabled.
  const portalHttp = requestFetch();
  const linkLog = new LinkLog(logger, () => clock.now().getTime());
  const sync = db
    ? wireSync({
        db,
        config,
        fileRoot: join(dataDir, 'files'),
        credentials,
        clock,
        logger,
        random: Math.random,
        wait: realWait,
        version: options.version,
        devices: () => monitor.snapshot(),
        health: () => ({
          render: renderProof.state(),
          uptimeSeconds: Math.max(0, Math.floor((clock.now().getTime() - startedAt.getTime()) / 1000)),
          schemaVersion: db?.pragma('user_version', { simple: true }) as number,
          storage: storage.current(),
          lastPurgeAt: purge?.lastPurgeAt()?.toISOString() ?? null,
          configVersion: centralConfig.inForce(),
        }),
        centralConfig,
        catalog: { importDocument: (raw) => needCatalog().importDocument(raw) },
        onLinkState: (state) => {
          linkLog.observe(state);
          events.emit('linkState', { state });
        },
        fetch: portalHttp.fetch,
        alerts: staffAlerts,
        onDelivered: () => purge?.soon(),
      })
    : undefined;
  const queue = db ? new QueueService(db, { center: config.center, printer: config.printer, queue: config.queue }, printer, clock, logger, sync?.allocator ?? undefined, sync?.centerQueue ?? undefined) : undefined;
  const catalog = db ? new CatalogService(db, { catalog: config.catalog, printer: config.printer }, printer, clock, logger) : undefined;
  catalog?.loadInitialCatalog(options.initialCatalogFile ?? join(assetsDir(), 'demo-catalog.json'));
  const needStore = <T>(service: T | undefined): T => {
    if (!service) throw new KioskError('store_unavailable', 'The kiosk cannot reach its local store. Please ask the staff.');
    return service;
  };
  const needQueue = () => needStore(queue);
  const needCatalog = () => needStore(catalog);
  // Runs the start sweep (orphan files, temp files, abandoned scan sessions) before serving.
  const dossiers = db ? createDossierService(db, dataDir, dossierConfigOf(config), printer, clock, logger) : undefined;
  const needDossiers = () => needStore(dossiers);
  const scanInto = dossiers ? new ScanIntoSession({ scans: documentScans, dossiers, events }) : undefined;
  const payments = db
    ? new PaymentService({
        db,
        config: { center: config.center, payment: config.payment, terminal: config.terminal },
        clock,
        logger,
        newId: randomUUID,
        link: sync
          ? { refresh: async (id) => sync.lookups?.refreshPayment(id), wake: () => sync.wake(), state: () => sync.link?.state() ?? 'disabled' }
          : null,
      })
    : undefined;
  const needPayments = () => needStore(payments);
  const ratings = db
    ? new RatingService({
        db,
        clock,
        logger,
        newId: randomUUID,
        timeZone: config.center.timeZone,
        refreshDossier: async (code) => sync?.lookups?.refreshDossier(code),
        wake: () => sync?.wake(),
      })
    : undefined;
  // The day report (decision 0028): link and printer state changes kept for its minutes.
  const terminalEvents = db ? new TerminalEventRecorder(db, events, clock, logger) : undefined;
  const dayReports = db
    ? new DayReportService({
        db,
        clock,
        logger,
        printer,
        fs: nodeFs,
        reportsDir: join(dataDir, 'reports'),
        terminalId: config.terminal.id,
        timeZone: config.center.timeZone,
        centerName: config.center.name,
        serviceNames: new Map(config.queue.services.map((s) => [s.id, s.name])),
        footer: config.printer.footer,
      })
    : undefined;
  // Roles (decision 0021): sessions in memory, PINs, lockout and audit in the store.
  // Each session's end is audited by the access service, built just below (the closure runs later).
  const roleSessions = new RoleSessions(clock, () => randomBytes(32).toString('base64url'), (role, why) => staffAccess?.sessionEnded(role, why));
  const staffAccess = db
    ? new StaffAccessService({ db, clock, sessions: roleSessions, alerts: staffAlerts, logger, terminalId: config.terminal.id })
    : undefined;
  const needStaffAccess = () => needStore(staffAccess);
  const staffWork =
    db && queue && dossiers
      ? new StaffWork({
          db,
          queue,
          dossiers,
          printer,
          // A poll already under way skips its own report: check once more so this answer is current.
          pollDevices: async () => {
            await monitor.poll();
            monitor.check();
          },
          clock,
          timeZone: config.center.timeZone,
          terminalId: config.terminal.id,
        })
      : undefined;
  const diagnosticsService = new DiagnosticsService({
    clock,
    startedAt,
    version: options.version,
    host: options.host,
    terminalId: config.terminal.id,
    apiVersion: SYNC_API_VERSION,
    dataDir,
    freeSpace: options.freeSpace ?? statfsFreeSpace,
    store: db
      ? {
          schemaVersion: () => db?.pragma('user_version', { simple: true }) as number,
          sizeBytes: () => fileBytes(join(dataDir, 'kiosk.sqlite3')) + fileBytes(join(dataDir, 'kiosk.sqlite3-wal')),
        }
      : null,
    catalogVersion: () => {
      const info = catalog?.info();
      return info?.state === 'loaded' ? info.version : null;
    },
    sync: () => sync?.view.status() ?? null,
    lastPortalAnswerAt: () => sync?.link?.lastAnswerAt() ?? null,
    devices: () => monitor.snapshot(),
    history: deviceHistory,
    events: recentEvents,
  });
  const downloads = new OneShotDownloads(clock, () => randomBytes(32).toString('base64url'));
  const logExport = new LogExportService({
    zip: new LogExport({ clock, fs: nodeFsPromises, terminalId: config.terminal.id, logDir: join(dataDir, 'logs'), config, diagnostics: () => diagnosticsService.snapshot() }),
    mounts: () => listExportMounts(config.diagnostics.exportMountRoots),
    downloads,
    sendToPortal: sync?.sendDiagnostics ?? null,
    logger,
    writeFile: (path, data, options) => nodeFsPromises.writeFile(path, data, options),
  });

  const parts: CoreParts = {
    options: { version: options.version, host: options.host, setupMode: options.setupMode },
    config,
    clock,
    logger,
    store,
    printer,
    monitor,
    scans,
    documentScans,
    speech,
    renderProof,
    idleMoment,
    centralConfig,
    storage,
    staffAlerts,
    diagnostics,
    diagnosticsService,
    logExport,
    roleSessions,
    sync,
    payments,
    scanInto,
    ratings,
    dayReports,
    staffWork,
    needStore,
    needQueue,
    needCatalog,
    needDossiers,
    needPayments,
    needStaffAccess,
    staffRoleOf: (session) => {
      const role = roleSessions.roleOf(session);
      if (!role) throw new KioskError('forbidden', 'Staff login required.');
      return role;
    },
    citizenBoundary: () => {
      roleSessions.endAll('citizen-session');
      scans.forgetLastScan();
      return {};
    },
    withDeviceCheck: async (work) => {
      try {
        return await work;
      } finally {
        monitor.check();
      }
    },
  };
  // One handler per contract method, written per role (decision 0021); the dispatcher checks the role.
  const handlers: Handlers = {
    ...citizenHandlers(parts),
    ...staffHandlers(parts),
    ...itHandlers(parts),
    ...setupHandlers({
      dataDir,
      config,
      setupMode: options.setupMode ?? false,
      host: options.host,
      version: options.version,
      clock,
      logger,
      runningScanner: barcodeScanner,
      runningPrinter: printer,
      hid: options.hid,
      access: staffAccess,
      db,
      credentials,
      reload: options.reload,
      fetch: portalHttp.fetch,
    }),
  };

  // The scanner first, so the monitor's first report is not a "not started" alert.
  await barcodeScanner.start().catch((error: unknown) => {
    // The kiosk serves without a scanner; its health says why.
    logger.log('error', 'barcode scanner did not start', { error: String(error) });
  });
  logConfigChange(logger, nodeFs, join(dataDir, 'config-seen.json'), config);
  logKioskStart(logger, db, { version: options.version, host: options.host, terminalId: config.terminal.id, printer: config.printer.driver, store: store.state });
  terminalEvents?.start({ link: sync?.link ? sync.link.state() : null, printer: printer.health().state });
  monitor.start();
  storage.start();
  sync?.start();
  purge?.start();
  return {
    dispatcher: new Dispatcher(withStorageFaults(handlers, storage, config.language), logger, roleSessions),
    events,
    printer,
    barcodeScanner,
    store,
    downloads,
    renderProof,
    logger,
    reportOutOfService: (mark) => crashAlert.raise(mark),
    isIdle: () => idleMoment.idle(),
    async close() {
      monitor.stop();
      storage.stop();
      unwatchScanner();
      scans.close();
      crashAlert.close();
      staffAlerts.close();
      diagnostics.close();
      deviceHistory.close();
      await barcodeScanner.stop();
      await sync?.close();
      await purge?.close();
      terminalEvents?.stop();
      await portalHttp.close();
      db?.close();
      logEvent(logger, 'info', 'kiosk.stop', {});
    },
  };
}

function dossierConfigOf(config: KioskConfig): DossierServiceConfig {
  const { center, dossier, holidays, language, printer, terminal } = config;
  return { center, dossier, holidays, language, printer, terminal };
}

/** A file's size, 0 when it is not there (a WAL after a truncating checkpoint). */
function fileBytes(path: string): number {
  try {
    return nodeFs.statSync(path).size;
  } catch {
    return 0;
  }
}
