import type { Database } from 'better-sqlite3';

export const maxCodesPerDay = 9999;

/** `AGENCY-YYMMDD-XXXX` (Circular 01/2018/TT-VPCP, Art. 19); `day` is YYYY-MM-DD. */
export function formatDossierCode(agency: string, day: string, seq: number): string {
  return `${agency}-${day.slice(2, 4)}${day.slice(5, 7)}${day.slice(8, 10)}-${String(seq).padStart(4, '0')}`;
}

/** Takes up to `count` sequence numbers of the day's counter; fewer when the day runs out. */
function takeSequence(db: Database, agency: string, day: string, count: number): number[] {
  const row = db.prepare('SELECT last_seq FROM code_counters WHERE agency = ? AND day = ?').get(agency, day) as
    | { last_seq: number }
    | undefined;
  const last = row?.last_seq ?? 0;
  const take = Math.max(0, Math.min(count, maxCodesPerDay - last));
  if (take > 0)
    db.prepare(
      `INSERT INTO code_counters (agency, day, last_seq) VALUES (?, ?, ?)
       ON CONFLICT (agency, day) DO UPDATE SET last_seq = excluded.last_seq`,
    ).run(agency, day, last + take);
  return Array.from({ length: take }, (_, i) => last + 1 + i);
}

export function reserveCodeBlock(
  db: Database,
  b: { blockId: string; terminalId: string; agency: string; day: string; count: number; now: string },
): string[] {
  db.prepare('INSERT INTO code_blocks (id, terminal_id, day, created_at) VALUES (?, ?, ?, ?)').run(b.blockId, b.terminalId, b.day, b.now);
  const insert = db.prepare('INSERT INTO reserved_codes (code, block_id) VALUES (?, ?)');
  return takeSequence(db, b.agency, b.day, b.count).map((seq) => {
    const code = formatDossierCode(b.agency, b.day, seq);
    insert.run(code, b.blockId);
    return code;
  });
}

/** Marks a reserved code used by a dossier; false unless it is this terminal's, for that day, unused. */
export function useReservedCode(db: Database, code: string, terminalId: string, day: string, dossierId: string): boolean {
  const result = db
    .prepare(
      `UPDATE reserved_codes SET dossier_id = @dossierId
       WHERE code = @code AND dossier_id IS NULL
         AND block_id IN (SELECT id FROM code_blocks WHERE terminal_id = @terminalId AND day = @day)`,
    )
    .run({ code, terminalId, day, dossierId });
  return result.changes === 1;
}

export function assignCode(db: Database, agency: string, day: string): string | undefined {
  const [seq] = takeSequence(db, agency, day, 1);
  return seq === undefined ? undefined : formatDossierCode(agency, day, seq);
}
