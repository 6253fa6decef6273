import type { Database } from 'better-sqlite3';
import { assertNever } from '../../src-shared/assert-never';
import type { Clock } from '../app/clock';
import type { Logger } from '../app/logger';
import { backoffDelayMs, delayWithRetryAfter, type BackoffPolicy } from './backoff';
import { failed, retry, type JobOutcome } from './job-outcome';
import type { LinkMonitor } from './link-state';
import * as jobs from './outbox-jobs';
import type { Wait } from './wait';

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

export interface OutboxWorkerOptions {
  /** Jobs in flight at once while the link is up. */
  readonly concurrency: number;
  /** Per-job retry spacing. */
  readonly backoff: BackoffPolicy;
  /** Spacing of probes while the portal cannot be reached: one request per pause, no matter how many jobs wait. */
  readonly linkBackoff: BackoffPolicy;
  /** Unexpected exceptions (bugs, not network) park the row after this many attempts. */
  readonly maxUnexpectedAttempts: number;
  /** Look at the table at least this often even without a wake-up (another process may have enqueued). */
  readonly idlePollMs: number;
}

export const defaultWorkerOptions: OutboxWorkerOptions = {
  concurrency: 4,
  backoff: { baseMs: 1_000, capMs: 5 * 60_000 },
  linkBackoff: { baseMs: 1_000, capMs: 60_000 },
  maxUnexpectedAttempts: 10,
  idlePollMs: 5_000,
};

export interface OutboxWorkerDeps {
  readonly db: Database;
  readonly handlers: Readonly<Record<string, JobHandler>>;
  readonly clock: Clock;
  readonly random: () => number;
  readonly wait: Wait;
  readonly logger: Logger;
  readonly link: LinkMonitor;
  readonly options?: Partial<OutboxWorkerOptions>;
}

/**
 * Delivers outbox rows at least once; the portal's Idempotency-Key makes the effect exactly once.
 * While the portal is unreachable the whole worker pauses between single probes (a circuit
 * breaker with backoff), so a long outage costs a bounded number of requests, not a hot loop.
 */
export class OutboxWorker {
  private readonly options: OutboxWorkerOptions;
  private readonly inFlight = new Map<number, Promise<void>>();
  private wakeController = new AbortController();
  /** Consecutive exchanges that found the portal unreachable; 0 when the link works. */
  private linkFailures = 0;
  private pausedUntil = 0;
  private running: Promise<void> | null = null;

  constructor(private readonly deps: OutboxWorkerDeps) {
    this.options = { ...defaultWorkerOptions, ...deps.options };
  }

  /** Runs until the signal aborts; resolves once in-flight jobs have settled. */
  start(signal: AbortSignal): Promise<void> {
    this.running ??= this.loop(signal);
    return this.running;
  }

  /** New work was enqueued (or the link came back): look now instead of at the next poll. */
  wake(): void {
    this.pausedUntil = Math.min(this.pausedUntil, this.deps.clock.now().getTime());
    this.wakeController.abort();
  }

  private async loop(signal: AbortSignal): Promise<void> {
    const { db, clock, logger } = this.deps;
    const reset = jobs.resetRunning(db, clock.now());
    if (reset > 0) logger.log('info', 'outbox: rows left running by a previous run are due again', { count: reset });
    while (!signal.aborted) {
      const now = clock.now();
      const slots = this.freeSlots(now.getTime());
      const claimed = slots > 0 ? jobs.claimDue(db, now, slots, [...this.inFlight.keys()]) : [];
      for (const row of claimed) {
        const p = this.attempt(row, signal).finally(() => this.inFlight.delete(row.id));
        this.inFlight.set(row.id, p);
      }
      if (claimed.length > 0 && this.freeSlots(clock.now().getTime()) > 0) continue;
      await this.idle(signal);
    }
    await Promise.allSettled([...this.inFlight.values()]);
  }

  /** While the link is down only one probe runs at a time, and none before the pause ends. */
  private freeSlots(now: number): number {
    if (now < this.pausedUntil) return 0;
    const limit = this.linkFailures > 0 ? 1 : this.options.concurrency;
    return Math.max(0, limit - this.inFlight.size);
  }

  private async idle(signal: AbortSignal): Promise<void> {
    const now = this.deps.clock.now().getTime();
    let until = now + this.options.idlePollMs;
    if (this.pausedUntil > now) until = Math.min(until, this.pausedUntil);
    else if (this.freeSlots(now) > 0) {
      const due = jobs.nextDueAt(this.deps.db);
      if (due) until = Math.min(until, Math.max(now, due.getTime()));
    }
    this.wakeController = new AbortController();
    const wakeOrStop = AbortSignal.any([signal, this.wakeController.signal]);
    const settled = this.inFlight.size > 0 ? Promise.race(this.inFlight.values()) : null;
    // Wake the loop when a job settles, so its slot is reused at once.
    void settled?.then(() => this.wakeController.abort());
    await this.deps.wait(Math.max(0, until - now), wakeOrStop);
  }

  private async attempt(row: jobs.OutboxJobRow, signal: AbortSignal): Promise<void> {
    const handler = this.deps.handlers[row.kind];
    let outcome: JobOutcome;
    if (!handler) {
      outcome = failed(`No handler for outbox kind "${row.kind}" in this kiosk version`);
    } else {
      const payload = parsePayload(row.payload);
      if (!payload.ok) {
        outcome = failed(`Corrupt payload: ${payload.error}`);
      } else {
        try {
          outcome = await handler(
            {
              id: row.id,
              kind: row.kind,
              subjectId: row.subject_id,
              idempotencyKey: row.idempotency_key,
              payload: payload.value,
              attempts: row.attempts,
            },
            signal,
          );
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          outcome =
            row.attempts >= this.options.maxUnexpectedAttempts
              ? failed(`Gave up after ${row.attempts} attempts: ${message}`)
              : retry(`Unexpected: ${message}`);
        }
      }
    }
    if (signal.aborted && outcome.kind !== 'finished') {
      // Shutdown cut it short: due again at next start, without counting against it.
      jobs.reschedule(this.deps.db, row.id, this.deps.clock.now(), 'interrupted by shutdown', this.deps.clock.now());
      return;
    }
    this.record(row, outcome);
  }

  private record(row: jobs.OutboxJobRow, outcome: JobOutcome): void {
    const { db, clock, random, link, logger } = this.deps;
    const now = clock.now();
    link.recordOutcome(outcome);
    switch (outcome.kind) {
      case 'finished':
        this.linkFailures = 0;
        try {
          db.transaction(() => {
            outcome.commit?.();
            jobs.markDone(db, row.id, now);
          })();
        } catch (error) {
          // The portal has it; only our note of it failed: the retry is a replay.
          const message = error instanceof Error ? error.message : String(error);
          jobs.reschedule(db, row.id, new Date(now.getTime() + backoffDelayMs(row.attempts, this.options.backoff, random)), `Unexpected: ${message}`, now);
        }
        return;
      case 'retry': {
        if (outcome.linkDown) this.pauseLink(now.getTime());
        else this.linkFailures = 0;
        const delay = backoffDelayMs(row.attempts, this.options.backoff, random);
        jobs.reschedule(db, row.id, new Date(now.getTime() + delay), outcome.error, now);
        return;
      }
      case 'rate-limited': {
        this.linkFailures = 0;
        const delay = delayWithRetryAfter(
          backoffDelayMs(row.attempts, this.options.backoff, random),
          outcome.retryAfterMs,
          this.options.backoff,
        );
        // The portal asked the terminal, not this row, to slow down.
        this.pausedUntil = Math.max(this.pausedUntil, now.getTime() + (outcome.retryAfterMs ?? delay));
        jobs.reschedule(db, row.id, new Date(now.getTime() + delay), outcome.error, now);
        return;
      }
      case 'failed':
        logger.log('warn', 'outbox: job parked', { id: row.id, kind: row.kind, reason: outcome.reason });
        jobs.park(db, row.id, outcome.reason, now);
        return;
      default:
        assertNever(outcome);
    }
  }

  private pauseLink(now: number): void {
    this.linkFailures += 1;
    const pause = backoffDelayMs(this.linkFailures, this.options.linkBackoff, this.deps.random);
    this.pausedUntil = Math.max(this.pausedUntil, now + pause);
  }
}

function parsePayload(text: string): { ok: true; value: unknown } | { ok: false; error: string } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}
