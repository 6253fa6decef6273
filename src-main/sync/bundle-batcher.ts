import { BundleSourceFailed } from './multipart-body';
import type { BatchOutcome, BundleToSend } from './portal-client';
import { PortalError } from './portal-error';
import type { DossierReceipt } from './portal-schemas';

/** The two ways a bundle can travel: alone, or with others in a batch. */
export interface BundleTransport {
  submitDossierBundle(bundle: BundleToSend, signal?: AbortSignal): Promise<DossierReceipt>;
  submitDossierBatch(bundles: readonly BundleToSend[], signal?: AbortSignal): Promise<BatchOutcome[]>;
}

export interface BundleBatcherOptions {
  /** Bundle requests in flight at once (the uploads' request gate has as many places). */
  requestsInFlight: number;
  /** At most this many dossiers in one batch (the API allows 32). */
  maxDossiers: number;
  /** A batch takes another dossier only while its files add up to at most this. */
  maxBytes: number;
}

interface Waiting {
  bundle: BundleToSend;
  bytes: number;
  signal: AbortSignal;
  /** Refused as part of a batch: sent alone, so one bad dossier cannot hold back the others. */
  alone: boolean;
  settle: (outcome: { ok: true; receipt: DossierReceipt } | { ok: false; error: unknown }) => void;
}

/**
 * Sends dossier bundles, together when they wait. A bundle that finds a request place free goes
 * at once, alone, as before; bundles that arrive while every place is taken wait, and the next
 * place to free takes all of them (up to the limits) as one POST /v1/dossier-batches. So a
 * kiosk with one dossier sends it without delay, and one draining a backlog after an outage
 * sends fewer, larger requests: a request's fixed cost on both sides is what held the drain
 * back (measured, decision 0018). Each dossier still gets its own receipt or refusal.
 *
 * A portal before API 1.3 answers the batch 404: from then on every bundle goes alone. A
 * batch refused as a whole (a 4xx) is sent again bundle by bundle, so the refusal lands on
 * the dossier that caused it; a failure on the way (5xx, network) is each dossier's failure,
 * and the outbox retries each with its own backoff.
 */
export class BundleBatcher {
  private readonly queue: Waiting[] = [];
  private inFlight = 0;
  private batchesSupported = true;

  constructor(
    private readonly transport: BundleTransport,
    private readonly options: BundleBatcherOptions,
  ) {
    if (!Number.isInteger(options.requestsInFlight) || options.requestsInFlight < 1) throw new Error(`A bundle batcher needs at least one request in flight, not ${options.requestsInFlight}`);
  }

  /** Sends `bundle` (alone or in a batch) and resolves with its receipt, or rejects with its refusal. */
  send(bundle: BundleToSend, signal: AbortSignal): Promise<DossierReceipt> {
    return new Promise<DossierReceipt>((resolve, reject) => {
      if (signal.aborted) {
        reject(abortReason(signal));
        return;
      }
      const leave = (): void => {
        const at = this.queue.indexOf(waiting);
        if (at >= 0) this.queue.splice(at, 1);
        reject(abortReason(signal));
      };
      const waiting: Waiting = {
        bundle,
        bytes: bundle.files.reduce((n, f) => n + f.byteLength, 0),
        signal,
        alone: false,
        settle: (outcome) => {
          signal.removeEventListener('abort', leave);
          if (outcome.ok) resolve(outcome.receipt);
          else reject(outcome.error);
        },
      };
      signal.addEventListener('abort', leave, { once: true });
      this.queue.push(waiting);
      this.pump();
    });
  }

  private pump(): void {
    while (this.inFlight < this.options.requestsInFlight && this.queue.length > 0) {
      const batch = this.take();
      this.inFlight += 1;
      void this.deliver(batch).finally(() => {
        this.inFlight -= 1;
        this.pump();
      });
    }
  }

  /** The first waiting bundle, and those after it that fit with it in one batch. */
  private take(): Waiting[] {
    const first = this.queue.shift();
    if (!first) return [];
    const batch = [first];
    if (first.alone || !this.batchesSupported) return batch;
    let bytes = first.bytes;
    for (let i = 0; i < this.queue.length && batch.length < this.options.maxDossiers; ) {
      const next = this.queue[i];
      if (next && !next.alone && bytes + next.bytes <= this.options.maxBytes) {
        batch.push(next);
        bytes += next.bytes;
        this.queue.splice(i, 1);
      } else i += 1;
    }
    return batch;
  }

  private async deliver(batch: readonly Waiting[]): Promise<void> {
    const [only] = batch;
    if (!only) return;
    if (batch.length === 1) {
      try {
        only.settle({ ok: true, receipt: await this.transport.submitDossierBundle(only.bundle, only.signal) });
      } catch (error) {
        only.settle({ ok: false, error });
      }
      return;
    }
    let outcomes: BatchOutcome[];
    try {
      outcomes = await this.transport.submitDossierBatch(
        batch.map((w) => w.bundle),
        AbortSignal.any(batch.map((w) => w.signal)),
      );
    } catch (error) {
      if (error instanceof BundleSourceFailed) {
        // Nothing was sent: that dossier gets its own trouble, the others go again.
        const failing = batch[error.entry];
        failing?.settle({ ok: false, error: error.cause });
        this.queue.unshift(...batch.filter((w) => w !== failing));
        return;
      }
      if (error instanceof PortalError && error.kind === 'rejected') {
        // 404/405/415: a portal without batches. Any other 4xx: the batch as a whole was refused.
        if (error.status === 404 || error.status === 405 || error.status === 415) this.batchesSupported = false;
        for (const w of batch) w.alone = true;
        this.queue.unshift(...batch.filter((w) => !w.signal.aborted));
        for (const w of batch) if (w.signal.aborted) w.settle({ ok: false, error: abortReason(w.signal) });
        return;
      }
      for (const w of batch) w.settle({ ok: false, error });
      return;
    }
    batch.forEach((w, i) => {
      const outcome = outcomes[i];
      w.settle(outcome === undefined ? { ok: false, error: new PortalError('transient', 'the batch answer has no result for this dossier') } : outcome);
    });
  }
}

const abortReason = (signal: AbortSignal): unknown => (signal.reason instanceof Error ? signal.reason : new Error('aborted while waiting to be sent'));
