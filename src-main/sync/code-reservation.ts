import type { Database } from 'better-sqlite3';
import { localDay, type Clock } from '../kernel/clock';
import type { Logger } from '../kernel/logger';
import { countFreeOfficialCodes, reserveOfficialCodes } from '../dossier/dossier-repository';
import type { PortalClient } from './portal-client';
import { getMeta, setMeta } from './sync-repository';
import type { UpkeepStep } from './sync-upkeep';

export interface CodeReservationConfig {
  terminalId: string;
  timeZone: string;
  /** 0: none reserved. */
  dossierCodesPerDay: number;
}

/** Keeps the day's block of official codes so that dossiers received offline get a final code. */
export class CodeReservation implements UpkeepStep {
  readonly what = 'official codes';

  constructor(
    private readonly deps: { db: Database; client: PortalClient; clock: Clock; logger: Logger; config: CodeReservationConfig },
  ) {}

  async pull(_ack: unknown, signal: AbortSignal): Promise<void> {
    const { db, client, clock, logger, config } = this.deps;
    const perDay = config.dossierCodesPerDay;
    const agency = getMeta(db, 'agency_code');
    if (perDay === 0 || agency === null) return;
    const now = clock.now();
    const day = localDay(now, config.timeZone);
    if (countFreeOfficialCodes(db, agency, day) >= Math.max(1, Math.floor(perDay / 4))) return;
    const seqKey = `code_blocks.${day}`;
    const seq = Number(getMeta(db, seqKey) ?? '0');
    // The key repeats after a crash between the answer and the insert: the portal replays the same codes.
    const block = await client.reserveDossierCodes(day, perDay, `codes.${config.terminalId}.${day}.${seq}`, signal);
    db.transaction(() => {
      reserveOfficialCodes(db, block.codes.map((code) => ({ code, agencyCode: block.agencyCode, day: block.day })), now.toISOString());
      setMeta(db, seqKey, String(seq + 1), now);
    })();
    logger.log('info', 'official codes reserved for offline use', { day, count: block.codes.length });
  }
}
