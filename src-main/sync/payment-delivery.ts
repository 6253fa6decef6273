import type { Database } from 'better-sqlite3';
import type { Clock } from '../kernel/clock';
import { SUBMIT_JOB_KIND } from '../dossier/dossier-submit';
import { failed, finishedWith, retry, type JobHandler, type JobOutcome } from '../outbox/job-outcome';
import { doneOrAbsent, isDone } from '../outbox/outbox-repository';
import * as repo from '../payment/payment-repository';
import type { PortalClient } from './portal-client';
import { outcomeOf, PortalError } from './portal-error';

export interface PaymentSyncDeps {
  db: Database;
  client: Pick<PortalClient, 'createPayment' | 'payment'>;
  clock: Clock;
}

/**
 * The `submit-payment` outbox job: POST /v1/payments with Idempotency-Key = the payment id. The
 * portal only takes a payment for a dossier it holds: the row is not due before its dossier's row
 * is done (migration 0005's trigger), and should it run earlier all the same, or the portal answer
 * 404 or 409 (dossier not there yet), it is "later", never a reason to park. A validation refusal
 * (400/422) parks the row with the portal's reason.
 */
export function createPaymentSyncHandler(deps: PaymentSyncDeps): JobHandler {
  return async (job, signal) => {
    try {
      return await deliverPayment(deps, job.subjectId, signal);
    } catch (error) {
      if (error instanceof PortalError && error.status === 404) return retry(`${error.message} (the dossier has not reached the portal yet)`);
      return outcomeOf(error);
    }
  };
}

async function deliverPayment(deps: PaymentSyncDeps, paymentId: string, signal: AbortSignal): Promise<JobOutcome> {
  const { db, client, clock } = deps;
  const row = repo.getPayment(db, paymentId);
  if (!row) return failed('record_missing', `Payment ${paymentId} is not in the local store`);
  if (!doneOrAbsent(db, row.dossier_id, SUBMIT_JOB_KIND)) {
    return retry(`Payment ${paymentId} waits for dossier ${row.dossier_id} to reach the portal first`);
  }
  const answer = await client.createPayment(
    { paymentId: row.id, dossierId: row.dossier_id, amountVnd: row.amount_vnd, method: 'vietqr', reference: row.reference, createdAt: row.created_at },
    signal,
  );
  // The answer may already say confirmed (a replay after the money arrived): recorded with the job.
  return finishedWith(() => repo.applyPortalPayment(db, row.id, answer, clock.now()));
}

/**
 * Asks the portal about one payment and records its answer. Nothing is asked before the portal
 * holds the payment; a 404 (not there, or not this terminal's) changes nothing.
 * Returns the state recorded locally afterwards, or null for an unknown payment.
 */
export async function refreshPaymentState(deps: PaymentSyncDeps, paymentId: string, signal: AbortSignal): Promise<repo.PaymentState | null> {
  const { db, client, clock } = deps;
  const row = repo.getPayment(db, paymentId);
  if (!row) return null;
  if (row.state !== 'pending' || !isDone(db, paymentId)) return row.state;
  try {
    const answer = await client.payment(paymentId, signal);
    repo.applyPortalPayment(db, paymentId, answer, clock.now());
  } catch (error) {
    if (!(error instanceof PortalError && error.status === 404)) throw error;
  }
  return repo.getPayment(db, paymentId)?.state ?? null;
}

/** Pending payments the portal holds (their outbox row is done), started after `since`, the longest unchecked first. */
export function paymentsToCheck(db: Database, since: Date, limit: number): string[] {
  return repo.pendingSince(db, since).filter((id) => isDone(db, id)).slice(0, limit);
}

/**
 * One upkeep round's look at still-pending payments (at most 20, the longest unchecked first,
 * none older than `watchDays`), so a confirmation reaches the kiosk even when nobody watches the
 * screen. Stops at the first failure: the round reports it and the next round goes on.
 */
export class PaymentPull {
  readonly what = 'payments';

  constructor(private readonly deps: PaymentSyncDeps & { watchDays: number }) {}

  async pull(_ack: unknown, signal: AbortSignal): Promise<void> {
    const since = new Date(this.deps.clock.now().getTime() - this.deps.watchDays * 86_400_000);
    for (const id of paymentsToCheck(this.deps.db, since, 20)) {
      if (signal.aborted) return;
      await refreshPaymentState(this.deps, id, signal);
    }
  }
}
