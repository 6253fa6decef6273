import { join } from 'node:path';
import { createKioskCore, type KioskCore } from '../../src-main/app/composition-root';
import { createMemoryLogger } from '../../src-main/kernel/logger';
import { VirtualPrinter } from '../../src-main/devices/virtual/virtual-printer';
import { demoConfig } from './demo-config';
import { FixedClock } from './fixed-clock';

/** A whole kiosk core on a real temp data folder with the virtual printer. */
export async function createTestCore(dataDir: string, clock = new FixedClock(new Date('2026-11-23T02:00:00Z'))) {
  const printer = new VirtualPrinter(576, join(dataDir, 'prints'), clock);
  const logger = createMemoryLogger();
  const core: KioskCore = await createKioskCore({
    dataDir,
    config: demoConfig(),
    host: 'web',
    version: 'test',
    clock,
    logger,
    printer,
  });
  return { core, printer, logger, clock };
}
