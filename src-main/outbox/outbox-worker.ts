import type { Database } from 'better-sqlite3';
import { assertNever } from '../../src-shared/assert-never';
import type { Clock } from '../kernel/clock';
import type { AlertReason, ReasonParams } from '../../src-shared/reasons';
import { logEvent } from '../kernel/log-events';
import type { Logger } from '../kernel/logger';
import { backoffDelayMs, delayWithRetryAfter, type BackoffPolicy } from './backoff';
import { failed, retry, type JobKinds, type JobOutcome } from './job-outcome';
import * as jobs from './outbox-repository';
import type { Wait } from './wait';

export type { JobHandler, OutboxJob } from './job-outcome';

export interface OutboxWorkerOptions {
  /** Jobs in flight at once while the link is up: the plain concurrency limit. */
  readonly concurrency: number;
  /** Per-job retry spacing. */
  readonly backoff: BackoffPolicy;
  /** Spacing of probes while the other side cannot be reached: one request per pause, no matter how many jobs wait. */
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
  /** The registry of job kinds. */
  readonly handlers: JobKinds;
  readonly clock: Clock;
  readonly random: () => number;
  readonly wait: Wait;
  readonly logger: Logger;
  /** Told every outcome (the sync's link state listens). */
  readonly link?: { recordOutcome(outcome: JobOutcome): void };
  /** Staff are told of every row parked (StaffAlerts' `outbox` source); they send it again from the panel. */
  readonly alerts?: { raise(source: 'outbox', reason: AlertReason, more?: { params?: ReasonParams; detail?: string }): void };
  readonly options?: Partial<OutboxWorkerOptions>;
  /** Called after a delivery was committed: the personal-data purge looks then (decision 0022). */
  readonly onDelivered?: () => void;
}

/**
 * Delivers outbox rows at least once; the other side's Idempotency-Key makes the effect exactly
 * once. A claim (rows marked running, attempt counted) and each outcome are their own commits,
 * written before anything else happens, so a kill between any two steps leaves a row that is
 * simply due again. While the other side is unreachable the worker pauses between single probes
 * (a circuit breaker with backoff), so a long outage costs a bounded number of requests.
 */
export class OutboxWorker {
  private readonly options: OutboxWorkerOptions;
  private readonly inFlight = new Map<number, Promise<void>>();
  private wakeController = new AbortController();
  /** Consecutive exchanges that found the other side unreachable; 0 when the link works. */
  private linkFailures = 0;
  private pausedUntil = 0;
  private running: Promise<void> | null = null;
  /** Outcomes the store refused to take (disk full, locked): tried again before the next claim. */
  private readonly unwritten: (() => void)[] = [];

  constructor(private readonly deps: OutboxWorkerDeps) {
    this.options = { ...defaultWorkerOptions, ...deps.options };
  }

  /** No wait of this worker is longer: anything scheduled further out was scheduled by a clock since set back. */
  get maxWaitMs(): number {
    return Math.max(this.options.backoff.capMs, this.options.linkBackoff.capMs);
  }

  /** Runs until the signal aborts; resolves once in-flight jobs have settled. */
  start(signal: AbortSignal): Promise<void> {
    this.running ??= this.loop(signal);
    return this.running;
  }

  /** New work was enqueued (or the link came back): look now instead of at the next poll. */
  wake(): void {
    this.pausedUntil = 0;
    this.wakeController.abort();
  }

  private async loop(signal: AbortSignal): Promise<void> {
    const { db, clock, logger } = this.deps;
    const reset = jobs.resetRunning(db, clock.now());
    if (reset > 0) logger.log('info', 'outbox: rows left running by a previous run are due again', { count: reset });
    while (!signal.aborted) {
      for (const update of this.unwritten.splice(0)) this.write(update);
      const now = clock.now();
      const slots = this.freeSlots(now.getTime());
      if (slots > 0) {
        const claimed = this.claim(now, slots);
        for (const row of claimed) this.inFlight.set(row.id, this.attempt(row, signal).finally(() => this.inFlight.delete(row.id)));
        if (claimed.length > 0 && this.freeSlots(clock.now().getTime()) > 0) continue;
      }
      await this.idle(signal);
    }
    await Promise.allSettled([...this.inFlight.values()]);
    for (const update of this.unwritten.splice(0)) this.write(update);
  }

  private claim(now: Date, want: number): jobs.OutboxJobRow[] {
    try {
      return jobs.claimDue(this.deps.db, now, want, this.maxWaitMs);
    } catch (error) {
      this.deps.logger.log('error', 'outbox: could not claim rows', { error: messageOf(error) });
      return [];
    }
  }

  /** While the link is down only one probe runs at a time, and none before the pause ends. */
  private freeSlots(now: number): number {
    // A pause further out than any backoff was set by a clock since moved back.
    if (this.pausedUntil - now > this.maxWaitMs) this.pausedUntil = now;
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
      // Clamped to now + maxWaitMs by claimDue's rule: a row further out is due now.
      if (due) until = Math.min(until, due.getTime() - now > this.maxWaitMs ? now : Math.max(now, due.getTime()));
    }
    this.wakeController = new AbortController();
    const wakeOrStop = AbortSignal.any([signal, this.wakeController.signal]);
    // Wake the loop when a job settles, so its slot is reused at once.
    const controller = this.wakeController;
    if (this.inFlight.size > 0) void Promise.race(this.inFlight.values()).then(() => controller.abort());
    await this.deps.wait(Math.max(0, until - now), wakeOrStop);
  }

  private async attempt(row: jobs.OutboxJobRow, signal: AbortSignal): Promise<void> {
    const outcome = await this.run(row, signal);
    const { db, clock } = this.deps;
    if (signal.aborted && outcome.kind !== 'finished') {
      // Shutdown cut it short: due again at next start.
      const now = clock.now();
      this.write(() => jobs.reschedule(db, row.id, now, 'interrupted by shutdown', now));
      return;
    }
    this.settle(row, outcome);
  }

  private async run(row: jobs.OutboxJobRow, signal: AbortSignal): Promise<JobOutcome> {
    const handler = this.deps.handlers[row.kind];
    if (!handler) return failed('unknown_kind', `No handler for outbox kind "${row.kind}" in this kiosk version`);
    let payload: unknown;
    try {
      payload = JSON.parse(row.payload) as unknown;
    } catch (error) {
      return failed('record_unreadable', `Corrupt payload: ${messageOf(error)}`);
    }
    try {
      const job = { id: row.id, kind: row.kind, subjectId: row.subject_id, idempotencyKey: row.idempotency_key, payload, attempts: row.attempts };
      return await handler(job, signal);
    } catch (error) {
      return row.attempts >= this.options.maxUnexpectedAttempts
        ? failed('gave_up', `Gave up after ${row.attempts} attempts: ${messageOf(error)}`)
        : retry(`Unexpected: ${messageOf(error)}`);
    }
  }

  /** Writes the row's next state at once (one commit), then acts on the link. */
  private settle(row: jobs.OutboxJobRow, outcome: JobOutcome): void {
    const { db, clock, random, link, logger } = this.deps;
    const now = clock.now();
    const backoff = () => backoffDelayMs(row.attempts, this.options.backoff, random);
    link?.recordOutcome(outcome);
    switch (outcome.kind) {
      case 'finished':
        this.linkFailures = 0;
        try {
          db.transaction(() => {
            outcome.commit?.();
            jobs.markDone(db, row.id, now);
          }).immediate();
          this.deps.onDelivered?.();
        } catch (error) {
          // The other side has it; only our note of it failed: the retry is a replay.
          this.write(() => jobs.reschedule(db, row.id, new Date(now.getTime() + backoff()), `Unexpected: ${messageOf(error)}`, now));
        }
        return;
      case 'retry': {
        if (outcome.linkDown) this.pauseLink(now.getTime());
        else this.linkFailures = 0;
        this.write(() => jobs.reschedule(db, row.id, new Date(now.getTime() + backoff()), outcome.error, now));
        return;
      }
      case 'rate-limited': {
        this.linkFailures = 0;
        const delay = delayWithRetryAfter(backoff(), outcome.retryAfterMs, this.options.backoff);
        // The other side asked the terminal, not this row, to slow down (never past the cap).
        this.pausedUntil = Math.max(this.pausedUntil, now.getTime() + Math.min(outcome.retryAfterMs ?? delay, this.options.backoff.capMs));
        this.write(() => jobs.reschedule(db, row.id, new Date(now.getTime() + delay), outcome.error, now));
        return;
      }
      case 'failed':
        // Warn: staff must act on it, but the kiosk goes on (error is kept for what stops the kiosk).
        logEvent(logger, 'warn', 'outbox.parked', { id: row.id, kind: row.kind, code: outcome.code, attempts: row.attempts, detail: outcome.reason });
        if (this.write(() => jobs.park(db, row.id, outcome.code, outcome.reason, now))) {
          this.deps.alerts?.raise('outbox', 'outbox_row_parked', { params: { id: row.id, kind: row.kind, code: outcome.code }, detail: outcome.reason });
        }
        return;
      default:
        assertNever(outcome);
    }
  }

  /**
   * A write the store refuses is kept and tried again before the next claim; if the process ends
   * first the row stays running and the next start makes it due again (a delay, never a loss).
   */
  private write(update: () => void): boolean {
    try {
      update();
      return true;
    } catch (error) {
      this.unwritten.push(update);
      this.deps.logger.log('error', 'outbox: could not write to the store', { error: messageOf(error) });
      return false;
    }
  }

  private pauseLink(now: number): void {
    this.linkFailures += 1;
    const pause = backoffDelayMs(this.linkFailures, this.options.linkBackoff, this.deps.random);
    this.pausedUntil = Math.max(this.pausedUntil, now + pause);
  }
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));
