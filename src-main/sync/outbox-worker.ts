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
  /** An outcome waits at most this long for the commit it shares with other outcomes and the next claim. */
  readonly maxWriteDelayMs: number;
}

export const defaultWorkerOptions: OutboxWorkerOptions = {
  concurrency: 4,
  backoff: { baseMs: 1_000, capMs: 5 * 60_000 },
  linkBackoff: { baseMs: 1_000, capMs: 60_000 },
  maxUnexpectedAttempts: 10,
  idlePollMs: 5_000,
  maxWriteDelayMs: 100,
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
  /** Called after outcomes were committed (deliveries among them): the privacy purge looks then. */
  readonly onWritten?: () => void;
}

/**
 * Delivers outbox rows at least once; the portal's Idempotency-Key makes the effect exactly once.
 * While the portal is unreachable the whole worker pauses between single probes (a circuit
 * breaker with backoff), so a long outage costs a bounded number of requests, not a hot loop.
 *
 * Bookkeeping is batched because every commit of the kiosk store (synchronous=FULL) blocks this
 * thread for an fsync: while the link is up, a claim takes a second round of rows ahead, and the
 * outcomes of finished attempts are written together with the next claim (or after
 * `maxWriteDelayMs`), so a commit serves several jobs instead of two commits per job. An outcome
 * not yet written is only a delay: after a crash its row runs again and the portal answers the
 * replay from its idempotency record.
 */
export class OutboxWorker {
  private readonly options: OutboxWorkerOptions;
  private readonly inFlight = new Map<number, Promise<void>>();
  /** Claimed (state running, attempt counted) but not started yet. */
  private readonly ready: jobs.OutboxJobRow[] = [];
  /** Outcomes known but not yet in the store; they commit with the next claim. */
  private readonly unwritten: (() => void)[] = [];
  private unwrittenSince = 0;
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
      this.startReady(signal);
      const now = clock.now();
      const slots = this.freeSlots(now.getTime());
      const claim = slots > 0 && this.ready.length === 0;
      if (claim || this.writeDue(now.getTime())) {
        // A second round ahead only while the link works: during an outage one probe at a time.
        const want = claim ? slots + (this.linkFailures === 0 ? this.options.concurrency : 0) : 0;
        const claimed = this.commit(now, want);
        this.ready.push(...claimed);
        this.startReady(signal);
        if (claimed.length > 0 && this.freeSlots(clock.now().getTime()) > 0) continue;
      }
      await this.idle(signal);
    }
    await Promise.allSettled([...this.inFlight.values()]);
    const never = this.ready.splice(0).map((r) => r.id);
    this.commit(clock.now(), 0, () => jobs.release(db, never, clock.now()));
  }

  private startReady(signal: AbortSignal): void {
    while (this.ready.length > 0 && this.freeSlots(this.deps.clock.now().getTime()) > 0) {
      const row = this.ready.shift();
      if (!row) return;
      const p = this.attempt(row, signal).finally(() => this.inFlight.delete(row.id));
      this.inFlight.set(row.id, p);
    }
  }

  private writeDue(now: number): boolean {
    const n = this.unwritten.length;
    return n > 0 && (n >= this.options.concurrency || this.inFlight.size === 0 || now - this.unwrittenSince >= this.options.maxWriteDelayMs);
  }

  /** One transaction: the outcomes not yet written, then (if `want` > 0) a claim of due rows. */
  private commit(now: Date, want: number, also?: () => void): jobs.OutboxJobRow[] {
    const { db, logger } = this.deps;
    const writes = this.unwritten.splice(0);
    try {
      const claimed = db
        .transaction(() => {
          for (const write of writes) write();
          also?.();
          const busy = [...this.inFlight.keys(), ...this.ready.map((r) => r.id)];
          return want > 0 ? jobs.claimDue(db, now, want, busy) : [];
        })
        .immediate();
      if (writes.length > 0) this.deps.onWritten?.();
      return claimed;
    } catch (error) {
      // Nothing of it was written: keep the outcomes for the next try.
      this.unwritten.unshift(...writes);
      logger.log('error', 'outbox: could not write to the store', { error: error instanceof Error ? error.message : String(error) });
      return [];
    }
  }

  private later(write: () => void): void {
    if (this.unwritten.length === 0) this.unwrittenSince = this.deps.clock.now().getTime();
    this.unwritten.push(write);
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
    if (this.unwritten.length > 0) until = Math.min(until, this.unwrittenSince + this.options.maxWriteDelayMs);
    if (this.pausedUntil > now) until = Math.min(until, this.pausedUntil);
    else if (this.freeSlots(now) > 0) {
      const due = this.ready.length > 0 ? null : jobs.nextDueAt(this.deps.db);
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
      const now = this.deps.clock.now();
      this.later(() => jobs.reschedule(this.deps.db, row.id, now, 'interrupted by shutdown', now));
      return;
    }
    this.settle(row, outcome);
  }

  /** Acts on the outcome now (link state, pauses); its row is written with the next commit. */
  private settle(row: jobs.OutboxJobRow, outcome: JobOutcome): void {
    const { db, clock, random, link, logger } = this.deps;
    const now = clock.now();
    link.recordOutcome(outcome);
    switch (outcome.kind) {
      case 'finished':
        this.linkFailures = 0;
        this.later(() => {
          try {
            // A savepoint inside the batch: a failing note rolls back alone.
            db.transaction(() => {
              outcome.commit?.();
              jobs.markDone(db, row.id, now);
            })();
          } catch (error) {
            // The portal has it; only our note of it failed: the retry is a replay.
            const message = error instanceof Error ? error.message : String(error);
            jobs.reschedule(db, row.id, new Date(now.getTime() + backoffDelayMs(row.attempts, this.options.backoff, random)), `Unexpected: ${message}`, now);
          }
        });
        return;
      case 'retry': {
        if (outcome.linkDown) this.pauseLink(now.getTime());
        else this.linkFailures = 0;
        const delay = backoffDelayMs(row.attempts, this.options.backoff, random);
        this.later(() => jobs.reschedule(db, row.id, new Date(now.getTime() + delay), outcome.error, now));
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
        this.later(() => jobs.reschedule(db, row.id, new Date(now.getTime() + delay), outcome.error, now));
        return;
      }
      case 'failed':
        logger.log('warn', 'outbox: job parked', { id: row.id, kind: row.kind, reason: outcome.reason });
        this.later(() => jobs.park(db, row.id, outcome.reason, now));
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
