import type { Database } from 'better-sqlite3';

import type { OutboxJobRow } from '../outbox/outbox-repository';

/** The worker's view of an outbox row: the row as migration 0003 created it. */
export type { OutboxJobRow };

/** A crash leaves rows 'running' that nobody runs any more; at start they are simply due again. */
export function resetRunning(db: Database, now: Date): number {
  return db
    .prepare(`UPDATE outbox_jobs SET state = 'pending', next_attempt_at = ?, updated_at = ? WHERE state = 'running'`)
    .run(now.toISOString(), now.toISOString()).changes;
}

/**
 * Takes up to `limit` due rows and marks them running, counting the attempt now: an attempt cut
 * short by a crash still counts, so a row that crashes the process cannot loop unnoticed.
 */
export function claimDue(db: Database, now: Date, limit: number, exceptIds: readonly number[] = []): OutboxJobRow[] {
  if (limit <= 0) return [];
  const at = now.toISOString();
  return db
    .transaction(() => {
      const rows = db
        .prepare(
          `SELECT * FROM outbox_jobs WHERE state = 'pending' AND next_attempt_at <= ?
           ORDER BY next_attempt_at, id LIMIT ?`,
        )
        .all(at, limit + exceptIds.length) as OutboxJobRow[];
      const taken = rows.filter((r) => !exceptIds.includes(r.id)).slice(0, limit);
      const mark = db.prepare(
        `UPDATE outbox_jobs SET state = 'running', attempts = attempts + 1, updated_at = ? WHERE id = ?`,
      );
      for (const r of taken) mark.run(at, r.id);
      return taken.map((r) => ({ ...r, state: 'running' as const, attempts: r.attempts + 1, updated_at: at }));
    })
    .immediate();
}

/**
 * Rows claimed ahead but never started (the worker stopped first) are pending again, with the
 * attempt the claim counted taken back: they were never tried.
 */
export function release(db: Database, ids: readonly number[], now: Date): void {
  const back = db.prepare(
    `UPDATE outbox_jobs SET state = 'pending', attempts = max(attempts - 1, 0), updated_at = ? WHERE id = ? AND state = 'running'`,
  );
  for (const id of ids) back.run(now.toISOString(), id);
}

export function markDone(db: Database, id: number, now: Date): void {
  db.prepare(`UPDATE outbox_jobs SET state = 'done', last_error = NULL, updated_at = ? WHERE id = ?`).run(
    now.toISOString(),
    id,
  );
}

export function reschedule(db: Database, id: number, nextAttemptAt: Date, error: string, now: Date): void {
  db.prepare(
    `UPDATE outbox_jobs SET state = 'pending', next_attempt_at = ?, last_error = ?, updated_at = ? WHERE id = ?`,
  ).run(nextAttemptAt.toISOString(), error.slice(0, 2000), now.toISOString(), id);
}

export function park(db: Database, id: number, reason: string, now: Date): void {
  db.prepare(
    `UPDATE outbox_jobs SET state = 'parked', parked_reason = ?, last_error = ?, updated_at = ? WHERE id = ?`,
  ).run(reason.slice(0, 2000), reason.slice(0, 2000), now.toISOString(), id);
}

/** When the earliest pending row becomes due, or null when none is pending. */
export function nextDueAt(db: Database): Date | null {
  const row = db.prepare(`SELECT min(next_attempt_at) AS at FROM outbox_jobs WHERE state = 'pending'`).get() as {
    at: string | null;
  };
  return row.at === null ? null : new Date(row.at);
}

export interface OutboxStats {
  /** Rows not yet delivered (pending or running). */
  depth: number;
  parked: number;
  oldestPendingCreatedAt: string | null;
  lastError: string | null;
  lastErrorAt: string | null;
}

export function outboxStats(db: Database): OutboxStats {
  const counts = db
    .prepare(
      `SELECT sum(state IN ('pending','running')) AS depth, sum(state = 'parked') AS parked,
              min(CASE WHEN state IN ('pending','running') THEN created_at END) AS oldest
       FROM outbox_jobs`,
    )
    .get() as { depth: number | null; parked: number | null; oldest: string | null };
  const last = db
    .prepare(
      `SELECT last_error, updated_at FROM outbox_jobs WHERE last_error IS NOT NULL AND state != 'done'
       ORDER BY updated_at DESC LIMIT 1`,
    )
    .get() as { last_error: string; updated_at: string } | undefined;
  return {
    depth: counts.depth ?? 0,
    parked: counts.parked ?? 0,
    oldestPendingCreatedAt: counts.oldest,
    lastError: last?.last_error ?? null,
    lastErrorAt: last?.updated_at ?? null,
  };
}

/** A parked row as staff see it: what it carries, why it stopped, and the dossier it is about. */
export interface ParkedJob {
  id: number;
  kind: string;
  subject_id: string;
  attempts: number;
  parked_reason: string | null;
  updated_at: string;
  /** The dossier's code (official if it has one), for a dossier or a dossier's payment; else null. */
  dossier_code: string | null;
}

/**
 * The parked rows, latest first (at most `limit`). `kinds` names the rows whose subject is a
 * dossier and those whose subject is a dossier's payment.
 */
export function listParked(db: Database, limit: number, kinds: { dossier: string; payment: string }): ParkedJob[] {
  return db
    .prepare(
      `SELECT o.id, o.kind, o.subject_id, o.attempts, o.parked_reason, o.updated_at,
              coalesce(d.official_code, d.provisional_code) AS dossier_code
       FROM outbox_jobs o
       LEFT JOIN payments p ON o.kind = @payment AND p.id = o.subject_id
       LEFT JOIN dossiers d ON d.id = CASE WHEN o.kind = @dossier THEN o.subject_id ELSE p.dossier_id END
       WHERE o.state = 'parked'
       ORDER BY o.updated_at DESC, o.id DESC
       LIMIT @limit`,
    )
    .all({ ...kinds, limit }) as ParkedJob[];
}

/**
 * Staff send a parked row again (the portal or the kiosk was fixed): it is due now, with its
 * attempts counted from zero and its reason kept in `last_error` until the next attempt. Returns
 * false when the row is not parked (already sent again, or unknown).
 */
export function requeueParked(db: Database, id: number, now: Date): boolean {
  return (
    db
      .prepare(
        `UPDATE outbox_jobs SET state = 'pending', attempts = 0, next_attempt_at = ?, parked_reason = NULL, updated_at = ?
         WHERE id = ? AND state = 'parked'`,
      )
      .run(now.toISOString(), now.toISOString(), id).changes === 1
  );
}
