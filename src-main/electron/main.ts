import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, dialog, ipcMain, Menu, powerSaveBlocker, protocol, safeStorage, session } from 'electron';
import { afterWindowClosed } from '../app/crash-policy';
import { CrashRecord } from '../app/crash-record';
import { systemClock } from '../kernel/clock';
import { createKioskCore, type KioskCore } from '../app/composition-root';
import { CoreSwitch } from '../app/core-switch';
import type { KioskConfig } from '../app/config';
import type { ReloadReason } from '../../src-shared/contract';
import { loadKioskConfig, parseLaunchFlags } from '../app/load-config';
import { runProvisioning } from '../app/provision-cli';
import { logEvent } from '../kernel/log-events';
import { createFileLogger, type Logger } from '../kernel/logger';
import { surviveStrayFailures } from '../app/process-guard';
import { createSenderCheck, registerIpcBridge } from './ipc-bridge';
import { KIOSK_ORIGIN, KIOSK_START_URL } from './kiosk-origin';
import { registerKioskScheme, serveRenderer } from './kiosk-protocol';
import { hardenAllWebContents, hardenSession } from './security';
import { FileCredentialStore } from '../sync/credential-store';
import { SafeStorageCredentialStore } from './safe-storage-credential-store';
import { SpoolerPrinter } from './spooler-printer';
import { createPrintSurface } from './spooler-surface';
import { createWindowOptions } from './window-options';
import electronUpdater from 'electron-updater';
import { createElectronUpdateInstaller } from './electron-update-installer';
import { startUpdates, type RunningUpdates } from '../update/start-updates';
import { feedBaseUrl } from '../update/update-feed';

/** Replaced by the build (esbuild `define`) with the package version. */
declare const KIOSK_VERSION: string;

/** The core gets this long to flush and close on quit before the process exits anyway. */
const SHUTDOWN_BUDGET_MS = 10_000;
/** Pause before reloading a crashed page, so a page that crashes at once cannot spin the CPU. */
const RELOAD_AFTER_CRASH_MS = 2_000;

// This bundle is dist/main/electron-main.mjs; the preload and the renderer are built beside it.
const bundleDir = fileURLToPath(new URL('.', import.meta.url));
const preloadPath = join(bundleDir, 'preload.cjs');
const rendererRoot = join(bundleDir, '..', 'renderer');

// Module scope runs before 'ready' (Electron emits it only once the ESM entry has evaluated):
// the scheme must be privileged and the hardening in place before any web contents exists.
registerKioskScheme(protocol);
hardenAllWebContents(app, KIOSK_ORIGIN);

if (app.requestSingleInstanceLock()) {
  run();
} else {
  // Two kiosks on one data folder would fight over the store and the devices.
  app.quit();
}

function run(): void {
  let loaded: ReturnType<typeof loadKioskConfig>;
  try {
    // The packaged app's headless provisioning: `motcua-kiosk --provision profile.json` (issue #19).
    const launch = parseLaunchFlags(process.argv.slice(process.defaultApp ? 2 : 1), process.env, { ignoreUnknownFlags: true });
    if (launch.provision !== null) {
      void runProvisioning(launch, app.getVersion()).finally(() => app.exit(typeof process.exitCode === 'number' ? process.exitCode : 0));
      return;
    }
    // `electron main.mjs --flags` puts the script path in argv; a packaged kiosk does not.
    loaded = loadKioskConfig(process.argv.slice(process.defaultApp ? 2 : 1), process.env, { ignoreUnknownFlags: true });
  } catch (error) {
    fatal('Cấu hình kiosk không hợp lệ / Invalid kiosk configuration', error);
    return;
  }
  const { config, dataDir } = loaded;
  const logger = createFileLogger(join(dataDir, 'logs'), systemClock, config.logs);
  surviveStrayFailures(process, logger);
  const production = app.isPackaged;
  const crashes = new CrashRecord(dataDir, systemClock, logger);
  // A run marker left behind: the last run ended without closing (a main-process crash, a kill,
  // or a power cut). The kiosk itself is relaunched by its supervisor (systemd, Shell Launcher).
  const outOfService = crashes.leftByLastRun() && crashes.note('main process') === 'out-of-service';
  crashes.markRunning();

  let window: BrowserWindow | null = null;
  let cores: CoreSwitch<KioskCore> | null = null;
  let disposeBridge: (() => void) | null = null;
  let updates: RunningUpdates | null = null;
  let phase: 'running' | 'closing' | 'closed' = 'running';

  const liveContents = () => (window !== null && !window.isDestroyed() ? window.webContents : null);

  app.on('second-instance', () => {
    if (window === null) return;
    if (window.isMinimized()) window.restore();
    window.focus();
  });
  // Alt+F4 or a closed window must not leave a terminal without a kiosk: a packaged kiosk opens
  // its window again. A developer's window closes the app as usual.
  app.on('window-all-closed', () => {
    if (production && !outOfService && afterWindowClosed(phase) === 'reopen') {
      openWindow().catch((error: unknown) => logger.log('error', 'reopening the kiosk window failed', { error: describe(error) }));
      return;
    }
    app.quit();
  });
  // A GPU process crash: relaunch the whole app (clean stop first), unless it keeps happening:
  // then the out-of-service page, and the staff alert from the core that is still running.
  app.on('child-process-gone', (_event, details) => {
    if (details.type !== 'GPU' || phase !== 'running') return;
    logger.log('error', 'GPU process gone', { reason: details.reason, exitCode: details.exitCode });
    if (crashes.note('GPU process') === 'relaunch') {
      app.relaunch();
      app.quit();
      return;
    }
    const mark = crashes.outOfService();
    if (mark !== null) void cores?.core().then((core) => core.reportOutOfService(mark));
    showOutOfService().catch((error: unknown) => logger.log('error', 'out-of-service page failed', { error: describe(error) }));
  });
  app.on('before-quit', (event) => {
    if (phase === 'closed') return;
    event.preventDefault();
    if (phase === 'closing') return;
    phase = 'closing';
    void closeCore().finally(() => {
      phase = 'closed';
      crashes.markStopped();
      app.quit();
    });
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => app.quit());

  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      logger.log('error', 'start-up failed', { error: describe(error) });
      fatal('Kiosk không khởi động được / The kiosk could not start', error);
    });

  async function start(): Promise<void> {
    hardenSession(session.defaultSession);
    serveRenderer(protocol, rendererRoot);
    // The default menu carries reload and developer-tools shortcuts.
    if (production) Menu.setApplicationMenu(null);
    // A kiosk's screen never dims or sleeps while it runs.
    powerSaveBlocker.start('prevent-display-sleep');
    if (outOfService) {
      await showOutOfService();
      return;
    }

    const startCore = (current: KioskConfig, setup: boolean): Promise<KioskCore> => createKioskCore({ ...coreOptions(current), setupMode: setup });
    const switcher = new CoreSwitch(startCore(config, loaded.setupMode));
    cores = switcher;
    // Set-up finished or a central configuration to apply: a new core from the files on disk, the window stays.
    const reload = (reason: ReloadReason): void => {
      logger.log('info', 'kiosk core restarting', { reason });
      switcher.replace(reason, () => {
        const next = loadKioskConfig(process.argv.slice(process.defaultApp ? 2 : 1), process.env, { ignoreUnknownFlags: true });
        return startCore(next.config, next.setupMode);
      }).catch((error: unknown) => {
        logger.log('error', 'kiosk core did not restart', { error: describe(error) });
        fatal('Kiosk không khởi động lại được / The kiosk could not restart', error);
      });
    };
    const coreOptions = (current: KioskConfig) => ({
      dataDir,
      config: current,
      reload,
      ...(current.printer.driver === 'spooler'
        ? {
            printer: new SpoolerPrinter(
              { ...current.printer.spooler, paperWidthDots: current.printer.paperWidthDots },
              createPrintSurface(() => window),
              systemClock,
            ),
          }
        : {}),
      // The portal credential is kept encrypted by the OS keystore where Electron can reach one.
      credentials: new SafeStorageCredentialStore(
        safeStorage,
        join(dataDir, 'portal-credential.safe'),
        new FileCredentialStore(join(dataDir, 'portal-credential')),
      ),
      host: 'electron' as const,
      // An out-of-service mark a crashed run left raises the `crash` staff alert (issue #20).
      crashes,
      version: typeof KIOSK_VERSION === 'string' ? KIOSK_VERSION : app.getVersion(),
      clock: systemClock,
      logger,
    });
    await switcher.core();
    if (phase !== 'running') return;

    disposeBridge = registerIpcBridge({
      ipcMain,
      dispatcher: switcher,
      events: switcher,
      isTrustedSender: createSenderCheck({ origin: KIOSK_ORIGIN, contents: liveContents }),
      target: liveContents,
      logger,
    });
    await openWindow();
    // Updates (decision 0039): only a packaged kiosk can install one; a developer's run has nothing to replace.
    if (production && config.sync.portalUrl !== null) {
      // Through the running core (a new one after set-up or a central configuration): its idle state, and its
      // logger so update events reach the IT diagnostics screen as well as the files.
      const coreLogger: Logger = { log: (...args) => (switcher.started()?.logger ?? logger).log(...args) };
      updates = startUpdates({
        portalUrl: config.sync.portalUrl,
        terminalId: config.terminal.id,
        dataDir,
        runningVersion: app.getVersion(),
        installer: createElectronUpdateInstaller(electronUpdater.autoUpdater, feedBaseUrl(config.sync.portalUrl), coreLogger),
        idle: () => switcher.started()?.isIdle() ?? false,
        clock: systemClock,
        logger: coreLogger,
        fetchFn: fetch,
        platform: process.platform,
        arch: process.arch,
      });
    }
  }

  async function openWindow(): Promise<void> {
    const win = new BrowserWindow(createWindowOptions({ preloadPath, production }));
    window = win;
    win.on('closed', () => {
      window = null;
    });
    win.once('ready-to-show', () => win.show());
    // Windows: a shutdown or sign-out emits no before-quit, so the store is not closed (SQLite
    // replays its WAL at the next start); it is not a crash either.
    win.on('session-end', () => crashes.markStopped());
    watchRenderer(win, logger, () => phase === 'running');

    await win.loadURL(KIOSK_START_URL);
    // Pinch-zoom on a touch screen would leave the next citizen with a magnified kiosk.
    await win.webContents.setVisualZoomLevelLimits(1, 1);
    logger.log('info', 'kiosk window loaded', { production });
  }

  /**
   * Crashed too often (3 in 10 min): a plain page (the renderer, which may be what crashes, is not
   * loaded) until the kiosk is restarted. The `crash` staff alert: raised by the running core
   * after GPU crashes, by the next start's core after main-process crashes (none runs behind the page).
   */
  async function showOutOfService(): Promise<void> {
    logger.log('error', 'out of service: the kiosk crashed too often; restart it once the cause is fixed', {});
    const page = `data:text/html;charset=utf-8,${encodeURIComponent(OUT_OF_SERVICE_PAGE)}`;
    const open = liveContents();
    if (open !== null) {
      // The kiosk window is up (GPU crashes): the page replaces the renderer in it.
      await open.loadURL(page);
      return;
    }
    const win = new BrowserWindow({ ...createWindowOptions({ preloadPath, production }), show: true });
    window = win;
    await win.loadURL(page);
  }

  async function closeCore(): Promise<void> {
    updates?.stop();
    updates = null;
    disposeBridge?.();
    disposeBridge = null;
    if (cores === null) return;
    try {
      await withTimeout(cores.close(), SHUTDOWN_BUDGET_MS);
      logger.log('info', 'kiosk core closed');
    } catch (error) {
      logger.log('error', 'kiosk core did not close cleanly', { error: describe(error) });
    }
  }
}

/** Bilingual like the start-up dialogs: the renderer (and its i18n) is what keeps crashing. */
const OUT_OF_SERVICE_PAGE = `<!doctype html><meta charset="utf-8"><body style="font:32px sans-serif;text-align:center;padding-top:30vh">
<p>Ki-ốt tạm ngừng phục vụ. Xin mời Quý khách đến quầy tiếp nhận.</p><p>This kiosk is out of service. Please go to the counter.</p></body>`;

/** A crashed or killed page comes back on the start screen rather than leaving a dead window. */
function watchRenderer(win: BrowserWindow, logger: Logger, shouldRecover: () => boolean): void {
  win.webContents.on('render-process-gone', (_event, details) => {
    logger.log('error', 'renderer process gone', { reason: details.reason, exitCode: details.exitCode });
    if (details.reason === 'clean-exit' || !shouldRecover()) return;
    logEvent(logger, 'error', 'kiosk.crash_restart', { what: 'renderer', reason: details.reason, exitCode: details.exitCode });
    setTimeout(() => {
      if (win.isDestroyed() || !shouldRecover()) return;
      win.loadURL(KIOSK_START_URL).catch((error: unknown) => {
        logger.log('error', 'reload after renderer crash failed', { error: describe(error) });
      });
    }, RELOAD_AFTER_CRASH_MS);
  });
}

/** Safe before 'ready': on a kiosk with no console the dialog is the only place to say why. */
function fatal(title: string, error: unknown): void {
  dialog.showErrorBox(title, error instanceof Error ? error.message : String(error));
  app.exit(1);
}

function describe(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
