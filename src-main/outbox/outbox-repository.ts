import type { Database } from 'better-sqlite3';
import { ParkReasonSchema, type ParkReason } from '../../src-shared/reasons';

/** The only file with SQL on `outbox_jobs` (migration 0003; the payment trigger of 0005). */

export type OutboxState = 'pending' | 'running' | 'done' | 'parked';

export interface OutboxJobRow {
  id: number;
  kind: string;
  subject_id: string;
  idempotency_key: string;
  payload: string;
  state: OutboxState;
  attempts: number;
  next_attempt_at: string;
  last_error: string | null;
  parked_reason: string | null;
  created_at: string;
  updated_at: string;
}

export interface NewOutboxJob {
  kind: string;
  subjectId: string;
  /** The portal dedupes by it, so a job sent twice has its effect once. */
  idempotencyKey: string;
  payload: unknown;
  /** ISO 8601 UTC. */
  now: string;
}

/**
 * next_attempt_at of a row held until another row is done (a payment waits for its dossier);
 * migration 0005's trigger brings it forward. Never "due at once" by the max-wait clamp.
 */
export const HELD = '9999-12-31T00:00:00.000Z';

/**
 * Adds a job inside the caller's transaction (the business record and its job commit together).
 * A second job with the same idempotency key is ignored; returns whether a row was added.
 */
export function enqueueJob(db: Database, job: NewOutboxJob): boolean {
  const result = db
    .prepare(
      `INSERT INTO outbox_jobs (kind, subject_id, idempotency_key, payload, state, next_attempt_at, created_at, updated_at)
       VALUES (?, ?, ?, ?, 'pending', ?, ?, ?)
       ON CONFLICT (idempotency_key) DO NOTHING`,
    )
    .run(job.kind, job.subjectId, job.idempotencyKey, JSON.stringify(job.payload), job.now, job.now, job.now);
  return result.changes === 1;
}

export function getJobByKey(db: Database, idempotencyKey: string): OutboxJobRow | undefined {
  return db.prepare(`SELECT * FROM outbox_jobs WHERE idempotency_key = ?`).get(idempotencyKey) as OutboxJobRow | undefined;
}

/** Whether the job under this key has had its effect (its row is done). */
export function isDone(db: Database, idempotencyKey: string): boolean {
  return db.prepare(`SELECT 1 FROM outbox_jobs WHERE idempotency_key = ? AND state = 'done'`).get(idempotencyKey) !== undefined;
}

/** Whether the job of this kind under this key is done, or there is no such job to wait for. */
export function doneOrAbsent(db: Database, idempotencyKey: string, kind: string): boolean {
  const row = db.prepare(`SELECT state FROM outbox_jobs WHERE idempotency_key = ? AND kind = ?`).get(idempotencyKey, kind) as
    | { state: string }
    | undefined;
  return row === undefined || row.state === 'done';
}

/** Keeps a pending row from being tried until a trigger brings it forward (see HELD). */
export function hold(db: Database, idempotencyKey: string): void {
  db.prepare(`UPDATE outbox_jobs SET next_attempt_at = ? WHERE idempotency_key = ? AND state = 'pending'`).run(HELD, idempotencyKey);
}

/** A crash leaves rows 'running' that nobody runs any more; at start they are simply due again. */
export function resetRunning(db: Database, now: Date): number {
  return db
    .prepare(`UPDATE outbox_jobs SET state = 'pending', next_attempt_at = ?, updated_at = ? WHERE state = 'running'`)
    .run(now.toISOString(), now.toISOString()).changes;
}

/**
 * Takes up to `limit` due rows and marks them running, counting the attempt now: an attempt cut
 * short by a crash still counts, so a row that crashes the process cannot loop unnoticed. A row
 * scheduled more than `maxWaitMs` from now was scheduled by a clock that has since gone back: no
 * backoff is that long, so it is due at once (held rows excepted).
 */
export function claimDue(db: Database, now: Date, limit: number, maxWaitMs: number): OutboxJobRow[] {
  if (limit <= 0) return [];
  const at = now.toISOString();
  const latest = new Date(now.getTime() + maxWaitMs).toISOString();
  return db
    .transaction(() => {
      const rows = db
        .prepare(
          `SELECT * FROM outbox_jobs WHERE state = 'pending' AND (next_attempt_at <= ? OR (next_attempt_at > ? AND next_attempt_at < ?))
           ORDER BY next_attempt_at, id LIMIT ?`,
        )
        .all(at, latest, HELD, limit) as OutboxJobRow[];
      const mark = db.prepare(`UPDATE outbox_jobs SET state = 'running', attempts = attempts + 1, updated_at = ? WHERE id = ?`);
      for (const r of rows) mark.run(at, r.id);
      return rows.map((r) => ({ ...r, state: 'running' as const, attempts: r.attempts + 1, updated_at: at }));
    })
    .immediate();
}

/** When the earliest pending row becomes due (held rows aside), or null when none is pending. */
export function nextDueAt(db: Database): Date | null {
  const row = db.prepare(`SELECT min(next_attempt_at) AS at FROM outbox_jobs WHERE state = 'pending' AND next_attempt_at < ?`).get(HELD) as {
    at: string | null;
  };
  return row.at === null ? null : new Date(row.at);
}

export function markDone(db: Database, id: number, now: Date): void {
  db.prepare(`UPDATE outbox_jobs SET state = 'done', last_error = NULL, updated_at = ? WHERE id = ?`).run(now.toISOString(), id);
}

export function reschedule(db: Database, id: number, nextAttemptAt: Date, error: string, now: Date): void {
  db.prepare(`UPDATE outbox_jobs SET state = 'pending', next_attempt_at = ?, last_error = ?, updated_at = ? WHERE id = ?`).run(
    nextAttemptAt.toISOString(),
    error.slice(0, 2000),
    now.toISOString(),
    id,
  );
}

/**
 * `parked_reason` holds `[code] raw text` (decision 0029): the code the staff panel translates
 * and the technical words, in the one column migration 0004 gave it (no migration for a prefix).
 */
export function park(db: Database, id: number, code: ParkReason, reason: string, now: Date): void {
  db.prepare(`UPDATE outbox_jobs SET state = 'parked', parked_reason = ?, last_error = ?, updated_at = ? WHERE id = ?`).run(
    `[${code}] ${reason}`.slice(0, 2000),
    reason.slice(0, 2000),
    now.toISOString(),
    id,
  );
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

/** A parked row as staff see it: what it carries and why it stopped. */
/** Splits a stored `parked_reason`; a row parked before codes existed is `other` with all its text. */
export function parkedReasonOf(stored: string | null): { code: ParkReason; detail: string } {
  const match = /^\[([a-z_]+)\] ([\s\S]*)$/.exec(stored ?? '');
  const code = ParkReasonSchema.safeParse(match?.[1]);
  return code.success && match ? { code: code.data, detail: match[2] ?? '' } : { code: 'other', detail: stored ?? '' };
}

export type ParkedJob = Pick<OutboxJobRow, 'id' | 'kind' | 'subject_id' | 'attempts' | 'parked_reason' | 'updated_at'>;

/** The parked rows, latest first (at most `limit`). */
export function listParked(db: Database, limit: number): ParkedJob[] {
  return db
    .prepare(
      `SELECT id, kind, subject_id, attempts, parked_reason, updated_at FROM outbox_jobs
       WHERE state = 'parked' ORDER BY updated_at DESC, id DESC LIMIT ?`,
    )
    .all(limit) as ParkedJob[];
}

/** An undelivered row as staff see it in the outbox list. */
export type UndeliveredJob = Pick<OutboxJobRow, 'id' | 'kind' | 'subject_id' | 'attempts' | 'next_attempt_at' | 'last_error' | 'parked_reason'> & {
  state: Exclude<OutboxState, 'done'>;
};

/** The rows not yet delivered (pending, running, parked), oldest first (at most `limit`). */
export function listUndelivered(db: Database, limit: number): UndeliveredJob[] {
  return db
    .prepare(
      `SELECT id, kind, subject_id, state, attempts, next_attempt_at, last_error, parked_reason FROM outbox_jobs
       WHERE state != 'done' ORDER BY created_at, id LIMIT ?`,
    )
    .all(limit) as UndeliveredJob[];
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

/** When each of these subjects' `kind` job was delivered (its row done), for those delivered. */
export function deliveredAt(db: Database, kind: string, subjectIds: readonly string[]): Map<string, string> {
  const rows = db
    .prepare(
      `SELECT subject_id, updated_at FROM outbox_jobs
       WHERE kind = ? AND state = 'done' AND subject_id IN (SELECT value FROM json_each(?))`,
    )
    .all(kind, JSON.stringify(subjectIds)) as { subject_id: string; updated_at: string }[];
  return new Map(rows.map((r) => [r.subject_id, r.updated_at]));
}

/**
 * Drops the error text and park reason of the delivered jobs about these subjects: payloads name
 * a dossier or payment only, but errors may quote the portal quoting a personal field.
 */
export function clearDeliveredErrors(db: Database, subjectIds: readonly string[]): void {
  db.prepare(
    `UPDATE outbox_jobs SET last_error = NULL, parked_reason = NULL
     WHERE state = 'done' AND subject_id IN (SELECT value FROM json_each(?))`,
  ).run(JSON.stringify(subjectIds));
}
