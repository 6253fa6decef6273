import type { Database } from 'better-sqlite3';
import { offeredAgencyCodes } from '../catalog/catalog-repository';
import { localDay, type Clock } from '../kernel/clock';
import type { Logger } from '../kernel/logger';
import { countFreeOfficialCodes, reserveOfficialCodes } from '../dossier/dossier-repository';
import type { PortalClient } from './portal-client';
import { getMeta, setMeta } from './sync-repository';
import type { UpkeepStep } from './sync-upkeep';

export interface CodeReservationConfig {
  terminalId: string;
  timeZone: string;
  /** Per agency; 0: none reserved. */
  dossierCodesPerDay: number;
}

/**
 * Keeps the day's block of official codes for every agency whose procedures the kiosk offers, so
 * that a dossier gets its final code at submit, online or not. Codes are numbered per agency: a
 * land dossier needs the land office's codes, not the ward's.
 */
export class CodeReservation implements UpkeepStep {
  readonly what = 'official codes';

  constructor(
    private readonly deps: { db: Database; client: PortalClient; clock: Clock; logger: Logger; config: CodeReservationConfig },
  ) {}

  async pull(_ack: unknown, signal: AbortSignal): Promise<void> {
    const { db, config } = this.deps;
    const own = getMeta(db, 'agency_code');
    if (config.dossierCodesPerDay === 0 || own === null) return;
    // The terminal's own agency first (it had the codes before), then the catalog's in code order.
    const agencies = [own, ...offeredAgencyCodes(db).filter((a) => a !== own)];
    // One agency's failure (a portal that does not know it) must not starve the others.
    let firstError: unknown = null;
    for (const agency of agencies) {
      if (signal.aborted) return;
      try {
        await this.topUp(agency, agency === own, signal);
      } catch (error) {
        firstError ??= error;
      }
    }
    if (firstError !== null) throw firstError;
  }

  private async topUp(agency: string, own: boolean, signal: AbortSignal): Promise<void> {
    const { db, client, clock, logger, config } = this.deps;
    const perDay = config.dossierCodesPerDay;
    const now = clock.now();
    const day = localDay(now, config.timeZone);
    if (countFreeOfficialCodes(db, agency, day) >= Math.max(1, Math.floor(perDay / 4))) return;
    // The own agency keeps the keys it always had, so a block asked for before an upgrade replays.
    const seqKey = own ? `code_blocks.${day}` : `code_blocks.${day}.${agency}`;
    const seq = Number(getMeta(db, seqKey) ?? '0');
    const key = own ? `codes.${config.terminalId}.${day}.${seq}` : `codes.${config.terminalId}.${day}.${agency}.${seq}`;
    // The key repeats after a crash between the answer and the insert: the portal replays the same codes.
    const block = await client.reserveDossierCodes(day, perDay, key, signal, own ? undefined : agency);
    db.transaction(() => {
      reserveOfficialCodes(db, block.codes.map((code) => ({ code, agencyCode: block.agencyCode, day: block.day })), now.toISOString());
      setMeta(db, seqKey, String(seq + 1), now);
    })();
    logger.log('info', 'official codes reserved for offline use', { day, agency: block.agencyCode, count: block.codes.length });
  }
}
