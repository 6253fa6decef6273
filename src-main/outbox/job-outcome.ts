import type { ParkReason } from '../../src-shared/reasons';

/**
 * What one attempt of an outbox job came to. The worker decides the row's next state from it
 * alone, so every handler speaks the same four words.
 */
export type JobOutcome =
  /**
   * The other side has the effect; the row is done. `commit` (local follow-up writes) runs in the
   * transaction that marks the row done: one durable commit instead of two.
   */
  | { readonly kind: 'finished'; readonly commit?: () => void }
  /** A transient failure (network, 5xx, interrupted upload): try again after a backoff. */
  | { readonly kind: 'retry'; readonly error: string; readonly linkDown: boolean }
  /** The other side asked us to slow down (429/503 with Retry-After). */
  | { readonly kind: 'rate-limited'; readonly error: string; readonly retryAfterMs: number | null }
  /**
   * It can never succeed as it is (4xx validation, corrupt row, a file gone): parked for staff
   * with a code the staff panel translates and the raw text as `reason` (issue #21).
   */
  | { readonly kind: 'failed'; readonly code: ParkReason; readonly reason: string };

export const finished: JobOutcome = { kind: 'finished' };
export const finishedWith = (commit: () => void): JobOutcome => ({ kind: 'finished', commit });
export const retry = (error: string, linkDown = false): JobOutcome => ({ kind: 'retry', error, linkDown });
export const rateLimited = (error: string, retryAfterMs: number | null): JobOutcome => ({
  kind: 'rate-limited',
  error,
  retryAfterMs,
});
export const failed = (code: ParkReason, reason: string): JobOutcome => ({ kind: 'failed', code, reason });

/** A job as a handler sees it: the row with its payload already parsed. */
export interface OutboxJob {
  readonly id: number;
  readonly kind: string;
  readonly subjectId: string;
  readonly idempotencyKey: string;
  readonly payload: unknown;
  readonly attempts: number;
}

/** Does one attempt of one kind of job; never throws for expected failures, it says so in the outcome. */
export type JobHandler = (job: OutboxJob, signal: AbortSignal) => Promise<JobOutcome>;

/**
 * The registry of job kinds: kind → handler. Each feature registers its own kind at the
 * composition root (dossiers, payments; ratings later); a row of a kind with no handler is parked.
 */
export type JobKinds = Readonly<Record<string, JobHandler>>;
