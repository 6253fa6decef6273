import type { Database } from 'better-sqlite3';
import type { Clock } from '../kernel/clock';
import type { Logger } from '../kernel/logger';
import type { PortalClient } from './portal-client';
import { getMeta, setMeta } from './sync-repository';
import type { UpkeepStep } from './sync-upkeep';

/** What became of a pulled configuration on this kiosk. */
export type CentralOutcome =
  | { outcome: 'applied'; version: number }
  /** Good and saved; applied by a new core at the next idle moment, which then reports it. */
  | { outcome: 'saved'; version: number }
  | { outcome: 'rejected'; version: number; problems: string[] };

/** Where a pulled configuration goes (the app layer checks, saves and applies it). */
export interface CentralConfigSink {
  /** The version this core runs on, null when none is in force. */
  inForce(): number | null;
  /** True until this core has dealt with one document when it found none saved, or a damaged one. */
  needsDocument(): boolean;
  accept(pulled: { version: number; etag: string; document: unknown }): CentralOutcome;
}

/** sync_meta keys: the ETag last dealt with, and the in-force version the portal was last told of. */
const ETAG_KEY = 'central_config_etag';
const REPORTED_KEY = 'central_config_reported';

/**
 * The central configuration (decision 0041), pulled with the other pulls only when the heartbeat's
 * `configEtag` differs from the one this kiosk last dealt with; an older portal sends none and
 * nothing is asked. The portal hears `applied` once per version in force, `rejected` with the
 * problems; the ETag is kept only once the portal has heard, so a lost report is sent again.
 */
export class CentralConfigPull implements UpkeepStep {
  readonly what = 'central configuration';

  constructor(private readonly deps: { db: Database; client: PortalClient; sink: CentralConfigSink; clock: Clock; logger: Logger }) {}

  async pull(ack: { configEtag?: string }, signal: AbortSignal): Promise<void> {
    const { db, client, sink, clock, logger } = this.deps;
    if (ack.configEtag === undefined) return;
    await this.reportInForce(signal);
    // Without a good saved file (deleted, damaged) the document is asked for again, whatever the ETag.
    const ours = sink.needsDocument() ? null : getMeta(db, ETAG_KEY);
    if (ours === ack.configEtag) return;
    const answer = await client.terminalConfig(ours, signal);
    if (answer.status === 'unchanged') return;
    const result = sink.accept(answer);
    logger.log(result.outcome === 'rejected' ? 'warn' : 'info', 'central configuration pulled', { version: answer.version, outcome: result.outcome });
    if (result.outcome === 'rejected') {
      await client.reportConfig({ version: result.version, outcome: 'rejected', problems: result.problems }, signal);
    } else if (result.outcome === 'applied') {
      await this.reportInForce(signal);
    }
    setMeta(db, ETAG_KEY, answer.etag, clock.now());
  }

  private async reportInForce(signal: AbortSignal): Promise<void> {
    const { db, client, sink, clock } = this.deps;
    const version = sink.inForce();
    if (version === null || getMeta(db, REPORTED_KEY) === String(version)) return;
    await client.reportConfig({ version, outcome: 'applied', problems: [] }, signal);
    setMeta(db, REPORTED_KEY, String(version), clock.now());
  }
}
