import type { Database } from 'better-sqlite3';

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

export function countJobs(db: Database, state: OutboxState): number {
  return (db.prepare(`SELECT count(*) AS n FROM outbox_jobs WHERE state = ?`).get(state) as { n: number }).n;
}
