import type { Database } from 'better-sqlite3';
import type { Clock } from '../kernel/clock';
import type { Logger } from '../kernel/logger';
import type { PortalClient } from './portal-client';
import { getMeta, setMeta } from './sync-repository';
import type { UpkeepStep } from './sync-upkeep';

/** Where a pulled catalog goes: the existing import, one transaction, so readers see old or new. */
export interface CatalogSink {
  importDocument(raw: unknown): unknown;
}

/** The catalog, pulled only when the heartbeat's ETag differs from ours; the GET is conditional all the same. */
export class CatalogPull implements UpkeepStep {
  readonly what = 'catalog';

  constructor(
    private readonly deps: { db: Database; client: PortalClient; sink: CatalogSink; clock: Clock; logger: Logger },
  ) {}

  async pull(ack: { catalogEtag: string }, signal: AbortSignal): Promise<void> {
    const { db, client, sink, clock, logger } = this.deps;
    const ours = getMeta(db, 'catalog_etag');
    if (ours === ack.catalogEtag) return;
    const answer = await client.catalog(ours, signal);
    if (answer.status === 'unchanged') return;
    sink.importDocument(answer.document);
    setMeta(db, 'catalog_etag', answer.etag, clock.now());
    logger.log('info', 'catalog updated from the portal', { etag: answer.etag });
  }
}
