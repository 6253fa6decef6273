import { join } from 'node:path';
import { createKioskCore, type KioskCore, type KioskCoreOptions } from '../../src-main/app/composition-root';
import { systemClock } from '../../src-main/kernel/clock';
import { createMemoryLogger } from '../../src-main/kernel/logger';
import { startWebHost, type WebHost } from '../../src-main/web-host/web-host';
import { demoConfig } from '../fakes/demo-config';
import { ROOT } from './harness';

export interface InProcessKiosk {
  core: KioskCore;
  host: WebHost;
  url: string;
  /** Closes the host, then the core (its timers and sockets would keep the test process alive). */
  stop(): Promise<void>;
}

/**
 * A kiosk core and its browser host in the test's own process, for specs that reach into the
 * core's devices (run the virtual printer out of paper, point it at a dead socket). The built
 * renderer is served, as by the real host; `npm test` builds it first.
 */
export async function startInProcessKiosk(options: Partial<KioskCoreOptions> & Pick<KioskCoreOptions, 'dataDir'>): Promise<InProcessKiosk> {
  const core = await createKioskCore({ config: demoConfig(), host: 'web', version: 'e2e', clock: systemClock, logger: createMemoryLogger(), ...options });
  const host = await startWebHost({
    rendererDir: join(ROOT, 'dist/renderer'),
    dispatcher: core.dispatcher,
    events: core.events,
    downloads: { take: async (token) => core.downloads.take(token) },
    logger: createMemoryLogger(),
    port: 0,
  });
  return {
    core,
    host,
    url: host.url,
    stop: async () => {
      await host.close();
      await core.close();
    },
  };
}
