import { localDay, type Clock } from '../kernel/clock';
import type { Logger } from '../kernel/logger';
import type { CenterQueueAllocator } from './queue-allocator';
import type { UpkeepStep } from './sync-upkeep';

export interface QueueBlockConfig {
  terminalId: string;
  timeZone: string;
  serviceIds: readonly string[];
  /** Numbers reserved per service for offline use (0: none), and the level under which more are asked. */
  queueBlockSize: number;
  queueBlockLow: number;
}

/** Keeps a block of queue numbers per service, so tickets taken offline keep the center's numbering. */
export class QueueBlockPull implements UpkeepStep {
  readonly what = 'queue numbers';

  constructor(private readonly deps: { allocator: CenterQueueAllocator; clock: Clock; logger: Logger; config: QueueBlockConfig }) {}

  async pull(): Promise<void> {
    const { allocator, clock, logger, config } = this.deps;
    if (config.queueBlockSize === 0) return;
    const day = localDay(clock.now(), config.timeZone);
    for (const serviceId of config.serviceIds) {
      if (await allocator.topUp(serviceId, day, config.queueBlockSize, config.queueBlockLow, config.terminalId)) {
        logger.log('info', 'queue numbers reserved for offline use', { serviceId, day });
      }
    }
  }
}
