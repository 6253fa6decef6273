import { join } from 'node:path';
import { systemClock } from '../kernel/clock';
import { ConfigError } from '../app/config';
import { loadKioskConfig, parseLaunchFlags } from '../app/load-config';
import { runProvisioning } from '../app/provision-cli';
import { createFileLogger } from '../kernel/logger';
import { assetsDir } from '../app/paths';
import { surviveStrayFailures } from '../app/process-guard';
import { deferCore } from './deferred-core';
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
  const { config, dataDir, flags } = loadKioskConfig(process.argv.slice(2));
  const logger = createFileLogger(join(dataDir, 'logs'), systemClock, config.logs);
  surviveStrayFailures(process, logger);
  // The page is served while the core opens its store and devices; calls wait for the core.
  // The core starts once the host listens, so its start-up work never delays the first page.
  // The core's code (PDF, HTTP client, devices) is loaded only then: imported statically, it would be
  // parsed and run before the host could print its URL (decision 0034).
  let listening!: () => void;
  const starting = new Promise<void>((resolve) => (listening = resolve)).then(async () => {
    const { createKioskCore } = await import('../app/composition-root');
    return createKioskCore({
      dataDir,
      config,
      host: 'web',
      version: typeof KIOSK_VERSION === 'string' ? KIOSK_VERSION : 'dev',
      clock: systemClock,
      logger,
    });
  });
  starting.catch((error: unknown) => {
    process.stderr.write(`Kiosk failed to start: ${String(error)}\n`);
    process.exit(1);
  });
  const host = await startWebHost({
    rendererDir: join(assetsDir(), '..', 'dist', 'renderer'),
    ...deferCore(starting),
    logger,
    port: flags.port,
  });
  // Ready for a browser: the page loads now and its first calls wait for the core.
  process.stdout.write(`KIOSK_URL=${host.url}\n`);
  listening();
  logger.log('info', 'web host ready', { origin: host.origin, dataDir });

  if (flags.open) {
    const chromium = findChromium();
    if (chromium) openKioskBrowser(host.url, chromium, true);
    else process.stderr.write('No Chromium found (set KIOSK_CHROMIUM); open the URL above in a browser.\n');
  }

  const shutdown = async () => {
    await host.close();
    await (await starting).close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown());
  process.once('SIGTERM', () => void shutdown());
}

main().catch((error: unknown) => {
  process.stderr.write(error instanceof ConfigError ? `${error.message}\n` : `Kiosk failed to start: ${String(error)}\n`);
  process.exit(1);
});
