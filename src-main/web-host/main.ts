import { join } from 'node:path';
import { systemClock } from '../kernel/clock';
import { ConfigError } from '../app/config';
import { loadKioskConfig, parseLaunchFlags } from '../app/load-config';
import { runProvisioning } from '../app/provision-cli';
import { createFileLogger } from '../kernel/logger';
import { assetsDir } from '../app/paths';
import { surviveStrayFailures } from '../app/process-guard';
import { stopOnceOnSignals } from '../app/stop-signals';
import { hostEnds, type CoreEnds } from './deferred-core';
import { CoreSwitch } from '../app/core-switch';
import type { KioskConfig } from '../app/config';
import type { ReloadReason } from '../../src-shared/contract';
import { LAUNCH_PAGE_FILE, writeLaunchPage } from './launch-page';
import { findChromium, openKioskBrowser } from './open-browser';
import { startWebHost } from './web-host';

declare const KIOSK_VERSION: string;

/** Entry of the browser host: `npm start -- --web [--no-open] [--port N] [--data-dir DIR]`. */
async function main(): Promise<void> {
  const launch = parseLaunchFlags(process.argv.slice(2));
  if (launch.provision !== null) {
    await runProvisioning(launch, typeof KIOSK_VERSION === 'string' ? KIOSK_VERSION : 'dev');
    return;
  }
  const { config, dataDir, flags, setupMode } = loadKioskConfig(process.argv.slice(2));
  const logger = createFileLogger(join(dataDir, 'logs'), systemClock, config.logs);
  surviveStrayFailures(process, logger);
  // The page is served while the core opens its store and devices; calls wait for the core.
  // The core starts once the host listens, so its start-up work never delays the first page.
  // The core's code (PDF, HTTP client, devices) is loaded only then: imported statically, it would be
  // parsed and run before the host could print its URL (decision 0034).
  let listening!: () => void;
  const argv = process.argv.slice(2);
  const startCore = async (current: KioskConfig, setup: boolean): Promise<CoreEnds> => {
    const { createKioskCore } = await import('../app/composition-root');
    return createKioskCore({
      dataDir,
      config: current,
      host: 'web',
      version: typeof KIOSK_VERSION === 'string' ? KIOSK_VERSION : 'dev',
      clock: systemClock,
      logger,
      reload,
      setupMode: setup,
    });
  };
  const cores = new CoreSwitch<CoreEnds>(new Promise<void>((resolve) => (listening = resolve)).then(() => startCore(config, setupMode)));
  cores.core().catch((error: unknown) => {
    process.stderr.write(`Kiosk failed to start: ${String(error)}\n`);
    process.exit(1);
  });
  // Set-up finished or a central configuration to apply: a new core from the files on disk, the host and the browser stay.
  function reload(reason: ReloadReason): void {
    logger.log('info', 'kiosk core restarting', { reason });
    cores.replace(reason, () => {
      const next = loadKioskConfig(argv);
      return startCore(next.config, next.setupMode);
    }).catch((error: unknown) => {
      process.stderr.write(`Kiosk failed to restart: ${String(error)}\n`);
      process.exit(1);
    });
  }
  const host = await startWebHost({
    rendererDir: join(assetsDir(), '..', 'dist', 'renderer'),
    ...hostEnds(cores),
    logger,
    port: flags.port,
  });
  // Ready for a browser: the page loads now and its first calls wait for the core.
  process.stdout.write(`KIOSK_URL=${host.url}\n`);
  // For a browser started apart from the kiosk (deploy/linux/: Chromium under cage), which must
  // not get the secret on its command line. Replaced at each start: the secret is per launch.
  // A data folder that cannot be written is the core's to report (the out-of-service screen).
  try {
    writeLaunchPage(join(dataDir, LAUNCH_PAGE_FILE), host.url);
  } catch (error) {
    logger.log('warn', 'launch page not written', { error: String(error) });
  }
  listening();
  logger.log('info', 'web host ready', { origin: host.origin, dataDir });

  if (flags.open) {
    const chromium = findChromium();
    if (chromium) openKioskBrowser(host.url, chromium, true);
    else process.stderr.write('No Chromium found (set KIOSK_CHROMIUM); open the URL above in a browser.\n');
  }

  // Once, whoever sends the signal and however often: the store closes (WAL checkpointed) first.
  stopOnceOnSignals(
    process,
    (signal) => {
      logger.log('info', 'stopping', { signal });
      void (async () => {
        await host.close();
        await cores.close();
      })().then(
        () => process.exit(0),
        (error: unknown) => {
          logger.log('error', 'stop failed', { error: String(error) });
          process.exit(1);
        },
      );
    },
    (signal) => logger.log('info', 'already stopping', { signal }),
  );
}

main().catch((error: unknown) => {
  process.stderr.write(error instanceof ConfigError ? `${error.message}\n` : `${describeStartFailure(error)}\n`);
  process.exit(1);
});

/** One plain line an operator can act on; the service's journal shows it. */
function describeStartFailure(error: unknown): string {
  const code = error instanceof Error && 'code' in error ? error.code : undefined;
  if (code === 'EADDRINUSE') {
    return `Kiosk failed to start: the port is taken (another kiosk already running?); stop it, or start with another --port (0 = any free port).`;
  }
  return `Kiosk failed to start: ${String(error)}`;
}
