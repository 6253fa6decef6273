import type { Database } from 'better-sqlite3';
import { localDay, type Clock } from '../kernel/clock';
import type { Logger } from '../kernel/logger';
import type { PortalClient } from './portal-client';
import { saveQueueSnapshot } from './queue-snapshot';
import type { UpkeepStep } from './sync-upkeep';

/** Each upkeep round: the center's queue as the portal knows it, kept for when the portal is out of reach. */
export class QueueWaitPull implements UpkeepStep {
  readonly what = 'queue status';

  constructor(private readonly deps: { db: Database; client: PortalClient; clock: Clock; logger: Logger; timeZone: string }) {}

  async pull(_ack: unknown, signal: AbortSignal): Promise<void> {
    const { db, client, clock, timeZone } = this.deps;
    const status = await client.queueStatus(localDay(clock.now(), timeZone), signal);
    saveQueueSnapshot(db, status, clock.now());
    this.deps.logger.log('debug', 'queue status kept', { day: status.day, asOf: status.asOf, services: status.services.length });
  }
}
