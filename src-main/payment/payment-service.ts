import type { Database } from 'better-sqlite3';
import type { PaymentOffer, PaymentStatus, StartedPayment } from '../../src-shared/payment';
import type { LinkStateDto } from '../../src-shared/sync';
import { formatLocalDateTime } from '../../src-shared/format';
import type { Clock } from '../kernel/clock';
import type { PaymentServiceConfig } from './payment-config';
import { KioskError } from '../kernel/kiosk-error';
import type { Logger } from '../kernel/logger';
import { getProcedure } from '../catalog/catalog-repository';
import { normalizeCodeInput } from '../dossier/dossier-code';
import { addAudit, findDossierByCode, getDossier } from '../dossier/dossier-repository';
import { SUBMIT_JOB_KIND } from '../dossier/dossier-submit';
import { doneOrAbsent, enqueueJob, hold, isDone } from '../outbox/outbox-repository';
import { paymentReference } from './payment-reference';
import * as repo from './payment-repository';
import { encodeVietQr } from './vietqr';

/** The outbox kind that registers a payment with the portal (its handler: sync/payment-delivery.ts). */
export const PAYMENT_JOB_KIND = 'submit-payment';

/** What the payment service needs of the sync: a bounded question to the portal, a wake-up, the link. */
export interface PaymentLink {
  /** Asks the portal about a pending payment and records the answer; never throws, bounded in time. */
  refresh(paymentId: string): Promise<void>;
  /** A payment job was enqueued: deliver it now rather than at the next poll. */
  wake(): void;
  state(): LinkStateDto;
}

export interface PaymentServiceDeps {
  db: Database;
  config: PaymentServiceConfig;
  clock: Clock;
  logger: Logger;
  newId: () => string;
  /** Null without a store for the sync (then every payment waits in the outbox). */
  link: PaymentLink | null;
}

const MSG = {
  notOffered: 'This kiosk does not take fee payments by QR. Please pay at the counter.',
  noFee: 'This procedure has no fee to pay.',
  noDossier: 'No such dossier',
  noPayment: 'No such payment',
} as const;

/**
 * Fees paid by VietQR: the amount is the dossier's procedure fees from the catalog (never the
 * renderer's word), the QR names the center's configured account and the dossier code, and the
 * payment reaches the portal through the outbox like every other record.
 */
export class PaymentService {
  constructor(private readonly deps: PaymentServiceDeps) {}

  offer(dossierId: string): PaymentOffer {
    const amountVnd = this.feeOf(dossierId);
    const open = repo.openPaymentOf(this.deps.db, dossierId);
    const method = amountVnd === 0 ? 'none' : this.deps.config.payment.vietqr === null ? 'counter' : 'qr';
    return { method, amountVnd, payment: open ? this.statusOf(open) : null };
  }

  /** The dossier's pending (or confirmed) payment, or a new one with its outbox job in one transaction. */
  start(dossierId: string): StartedPayment {
    const { db, config, clock, logger } = this.deps;
    const account = config.payment.vietqr;
    if (account === null) throw new KioskError('forbidden', MSG.notOffered);
    const dossier = getDossier(db, dossierId);
    if (!dossier) throw new KioskError('not_found', MSG.noDossier);
    const amountVnd = this.feeOf(dossierId);
    if (amountVnd === 0) throw new KioskError('invalid_request', MSG.noFee);
    const { row, created } = db
      .transaction(() => {
        const open = repo.openPaymentOf(db, dossierId);
        if (open) return { row: open, created: false };
        const id = this.deps.newId();
        const now = clock.now().toISOString();
        const reference = paymentReference(dossier.official_code ?? dossier.provisional_code ?? '', id);
        repo.insertPayment(db, { id, dossierId, amountVnd, reference, now });
        // The payload names the payment only: the worker reads the row.
        enqueueJob(db, { kind: PAYMENT_JOB_KIND, subjectId: id, idempotencyKey: id, payload: { paymentId: id }, now });
        // The portal takes a payment only for a dossier it holds: held until the dossier's row is done.
        if (!doneOrAbsent(db, dossierId, SUBMIT_JOB_KIND)) hold(db, id);
        addAudit(db, { at: now, actor: `citizen@${config.terminal.id}`, action: 'payment.start', subject: id, detail: { dossierId, amountVnd } });
        const inserted = repo.getPayment(db, id);
        if (!inserted) throw new Error(`payment ${id} vanished inside its own transaction`);
        return { row: inserted, created: true };
      })
      .immediate();
    if (created) {
      logger.log('info', 'payment started', { id: row.id, dossierId, amountVnd: row.amount_vnd });
      this.deps.link?.wake();
    }
    return {
      ...this.statusOf(row),
      qrPayload: encodeVietQr({ bankBin: account.bankBin, accountNumber: account.accountNumber, amountVnd: row.amount_vnd, purpose: row.reference }),
      reference: row.reference,
      accountName: account.accountName,
      accountNumber: account.accountNumber,
      bankName: account.bankName,
    };
  }

  /** While pending, asks the portal first (bounded by the link's own timeout), then answers from the store. */
  async status(paymentId: string): Promise<PaymentStatus> {
    const before = repo.getPayment(this.deps.db, paymentId);
    if (!before) throw new KioskError('not_found', MSG.noPayment);
    if (before.state === 'pending') await this.deps.link?.refresh(paymentId);
    return this.statusOf(repo.getPayment(this.deps.db, paymentId) ?? before);
  }

  /** Before a lookup: the portal's word on the dossier's pending payment, if it has one. */
  async refreshForCode(code: string): Promise<void> {
    const payment = this.latestForCode(code);
    if (payment?.state === 'pending') await this.deps.link?.refresh(payment.id);
  }

  /** The payment a lookup shows: the dossier's confirmed one, else its latest. */
  forCode(code: string): PaymentStatus | null {
    const payment = this.latestForCode(code);
    return payment ? this.statusOf(payment) : null;
  }

  private latestForCode(code: string): repo.PaymentRow | undefined {
    const dossier = findDossierByCode(this.deps.db, normalizeCodeInput(code).slice(0, 64));
    return dossier ? repo.latestPaymentOf(this.deps.db, dossier.id) : undefined;
  }

  /** The procedure's fees in the catalog now (0 for a procedure no longer in it: the counter decides). */
  private feeOf(dossierId: string): number {
    const dossier = getDossier(this.deps.db, dossierId);
    if (!dossier) throw new KioskError('not_found', MSG.noDossier);
    const procedure = getProcedure(this.deps.db, dossier.procedure_code);
    return procedure ? procedure.fees.reduce((sum, fee) => sum + fee.amountVnd, 0) : 0;
  }

  private statusOf(row: repo.PaymentRow): PaymentStatus {
    const { db, config, link } = this.deps;
    return {
      paymentId: row.id,
      state: row.state,
      amountVnd: row.amount_vnd,
      confirmedAt: row.confirmed_at,
      confirmedAtText: row.confirmed_at === null ? null : formatLocalDateTime(new Date(row.confirmed_at), config.center.timeZone),
      reason: row.reason,
      delivered: isDone(db, row.id),
      link: link?.state() ?? 'disabled',
    };
  }
}
