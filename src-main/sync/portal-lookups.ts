import type { Database } from 'better-sqlite3';
import type { Clock } from '../kernel/clock';
import { normalizeCodeInput } from '../dossier/dossier-code';
import { applyPortalStatus, findDossierByCode } from '../dossier/dossier-repository';
import type { LinkMonitor } from './link-state';
import { refreshPaymentState } from './payment-delivery';
import type { PortalClient } from './portal-client';
import { PortalError } from './portal-error';

const OFFICIAL_CODE = /^[0-9A-Z.]{1,35}-\d{6}-\d{4}$/;

export interface PortalLookupsDeps {
  db: Database;
  client: PortalClient;
  link: LinkMonitor;
  clock: Clock;
  /** A failed exchange, for the link state and the log. */
  noteFailure: (what: string, error: unknown) => void;
}

/**
 * Asks the portal while a citizen waits (bounded wait): a dossier's current status before a
 * lookup, a payment's state on the payment screen. Offline, not enrolled or not delivered yet:
 * nothing is asked, the local answer stands.
 */
export class PortalLookups {
  private readonly stop = new AbortController();

  constructor(private readonly deps: PortalLookupsDeps) {}

  /** True when the portal answered with the dossier's status (a purged dossier's lookup says where it came from). */
  async refreshDossier(code: string, timeoutMs = 2_000): Promise<boolean> {
    const { db, client } = this.deps;
    if (!this.askable()) return false;
    const id = findDossierByCode(db, normalizeCodeInput(code).slice(0, 64))?.id;
    if (id === undefined) return false;
    try {
      const status = await client.dossierStatus(id, this.signal(timeoutMs));
      applyPortalStatus(db, id, status, OFFICIAL_CODE);
      return true;
    } catch (error) {
      // 404: not delivered yet; anything else: the local status stands.
      if (!(error instanceof PortalError && error.status === 404)) this.deps.noteFailure('dossier status', error);
      return false;
    }
  }

  async refreshPayment(paymentId: string, timeoutMs = 2_000): Promise<void> {
    if (!this.askable()) return;
    try {
      await refreshPaymentState(this.deps, paymentId, this.signal(timeoutMs));
    } catch (error) {
      this.deps.noteFailure('payment status', error);
    }
  }

  close(): void {
    this.stop.abort();
  }

  private askable(): boolean {
    return this.deps.client.isEnrolled() && this.deps.link.state() !== 'offline';
  }

  private signal(timeoutMs: number): AbortSignal {
    return AbortSignal.any([this.stop.signal, AbortSignal.timeout(timeoutMs)]);
  }
}
