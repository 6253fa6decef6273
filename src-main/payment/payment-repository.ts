import type { Database } from 'better-sqlite3';
import { addAudit } from '../dossier/dossier-repository';

export type PaymentState = 'pending' | 'confirmed' | 'failed';

/** A row of `payments` (migration 0005). */
export interface PaymentRow {
  id: string;
  dossier_id: string;
  amount_vnd: number;
  reference: string;
  method: 'vietqr';
  state: PaymentState;
  confirmed_at: string | null;
  reason: string | null;
  created_at: string;
  updated_at: string;
  checked_at: string | null;
}

export interface NewPayment {
  id: string;
  dossierId: string;
  amountVnd: number;
  reference: string;
  /** ISO 8601 UTC. */
  now: string;
}

export function insertPayment(db: Database, p: NewPayment): void {
  db.prepare(
    `INSERT INTO payments (id, dossier_id, amount_vnd, reference, state, created_at, updated_at)
     VALUES (?, ?, ?, ?, 'pending', ?, ?)`,
  ).run(p.id, p.dossierId, p.amountVnd, p.reference, p.now, p.now);
}

export function getPayment(db: Database, id: string): PaymentRow | undefined {
  return db.prepare(`SELECT * FROM payments WHERE id = ?`).get(id) as PaymentRow | undefined;
}

/** The dossier's payment under way or done, if any (at most one: a partial unique index). */
export function openPaymentOf(db: Database, dossierId: string): PaymentRow | undefined {
  return db.prepare(`SELECT * FROM payments WHERE dossier_id = ? AND state IN ('pending','confirmed')`).get(dossierId) as PaymentRow | undefined;
}

/** The dossier's most recent payment, whatever its state (what a lookup shows). */
export function latestPaymentOf(db: Database, dossierId: string): PaymentRow | undefined {
  return db
    .prepare(`SELECT * FROM payments WHERE dossier_id = ? ORDER BY (state = 'confirmed') DESC, created_at DESC, rowid DESC LIMIT 1`)
    .get(dossierId) as PaymentRow | undefined;
}

/** Every payment of a dossier, whatever its state. */
export function paymentsOf(db: Database, dossierId: string): PaymentRow[] {
  return db.prepare(`SELECT * FROM payments WHERE dossier_id = ?`).all(dossierId) as PaymentRow[];
}

/** The portal's word on a payment, as far as the API tells it (Payment in docs/sync-api.yaml). */
export interface PortalPaymentState {
  state: PaymentState;
  confirmedAt?: string | undefined;
  reason?: string | undefined;
}

/**
 * Records what the portal says. Only a pending payment moves (confirmed and failed are final on
 * the portal too); the check time is noted either way. Returns whether the state changed.
 */
export function applyPortalPayment(db: Database, id: string, portal: PortalPaymentState, now: Date): boolean {
  const at = now.toISOString();
  return db
    .transaction((): boolean => {
      db.prepare(`UPDATE payments SET checked_at = ? WHERE id = ?`).run(at, id);
      if (portal.state === 'pending') return false;
      const confirmedAt = portal.state === 'confirmed' ? (portal.confirmedAt ?? at) : null;
      const changed = db
        .prepare(`UPDATE payments SET state = ?, confirmed_at = ?, reason = ?, updated_at = ? WHERE id = ? AND state = 'pending'`)
        .run(portal.state, confirmedAt, portal.reason?.slice(0, 500) ?? null, at, id).changes;
      if (changed > 0) {
        addAudit(db, { at, actor: 'sync', action: `payment.${portal.state}`, subject: id, detail: portal.reason?.slice(0, 500) });
      }
      return changed > 0;
    })
    .immediate();
}

/**
 * Pending payments started after `since`, the longest unchecked first: what one sync round may
 * ask the portal about (those the portal holds; the caller asks the outbox which).
 */
export function pendingSince(db: Database, since: Date): string[] {
  return db
    .prepare(
      `SELECT id FROM payments WHERE state = 'pending' AND created_at >= ?
       ORDER BY coalesce(checked_at, ''), created_at`,
    )
    .pluck()
    .all(since.toISOString()) as string[];
}

/**
 * Payments started in [from, to) and how they stand (the day report). The store is one
 * terminal's, and a payment's dossier is always one of its own (foreign key).
 */
export function paymentCountsIn(db: Database, from: string, to: string): { started: number; confirmed: number; failed: number } {
  return db
    .prepare(
      `SELECT count(*) AS started, coalesce(sum(state = 'confirmed'), 0) AS confirmed, coalesce(sum(state = 'failed'), 0) AS failed
       FROM payments WHERE created_at >= ? AND created_at < ?`,
    )
    .get(from, to) as { started: number; confirmed: number; failed: number };
}
