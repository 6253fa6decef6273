/**
 * A web host on a test core in its own process, so that what would end a process really does.
 * Argument 1: the data folder. `--guard`: the process guard the entry points install.
 * `--stray-failures`: getInfo leaves a rejecting promise and a throwing timer behind, and a
 * `scan` event listener rejects. Log lines go to stdout as JSON; the URL as `KIOSK_URL=…`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from '../../../src-main/kernel/logger';
import { surviveStrayFailures } from '../../../src-main/app/process-guard';
import { startWebHost } from '../../../src-main/web-host/web-host';
import { createTestCore } from '../../fakes/test-core';

const [dataDir = '', ...flags] = process.argv.slice(2);
const strayFailures = flags.includes('--stray-failures');
const logger: Logger = {
  log: (level, message, fields) => process.stdout.write(`${JSON.stringify({ level, message, ...fields })}\n`),
};
if (flags.includes('--guard')) surviveStrayFailures(process, logger);

const rendererDir = join(dataDir, 'renderer');
mkdirSync(rendererDir, { recursive: true });
writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>kiosk</title>');
const { core } = await createTestCore(join(dataDir, 'data'));

// A listener that fails after the event was delivered, as a careless subscriber would.
core.events.subscribe((event) => {
  if (strayFailures && event === 'scan') void Promise.reject(new Error('scan listener rejected'));
});

const host = await startWebHost({
  rendererDir,
  dispatcher: {
    dispatch(method, request) {
      // A handler that starts work it never awaits, and a timer that throws.
      if (strayFailures && method === 'getInfo') {
        void Promise.reject(new Error('stray rejection in a handler'));
        setTimeout(() => {
          throw new Error('throw in a timer');
        }, 0);
      }
      return core.dispatcher.dispatch(method, request);
    },
  },
  events: core.events,
  logger,
  port: 0,
  secret: 's3cret',
});
process.stdout.write(`KIOSK_URL=${host.url}\n`);
process.once('SIGTERM', () => {
  void host.close().then(() => core.close()).then(() => process.exit(0));
});
