import { ApiError, notFound } from '../http/api-error';
import type { Reply } from '../http/http-io';
import { dossierById } from '../repo/dossiers';
import { insertPayment, insertRating, paymentById, type PaymentRow } from '../repo/ratings-payments';
import type { HandlerContext } from './context';

// The outbox may deliver a rating or payment before its dossier: 409 means "later", not "never".
function requireOwnDossier(ctx: HandlerContext, dossierId: string): void {
  const d = dossierById(ctx.deps.db, dossierId);
  if (!d || d.terminal_id !== ctx.terminal.id)
    throw new ApiError(409, 'conflict', `Dossier ${dossierId} has not reached the portal yet.`, `Hồ sơ ${dossierId} chưa được gửi tới cổng.`);
}

export function submitRating(ctx: HandlerContext): Reply {
  const b = ctx.body as { ratingId: string; dossierId?: string };
  if (b.dossierId) requireOwnDossier(ctx, b.dossierId);
  if (!insertRating(ctx.deps.db, { id: b.ratingId, terminalId: ctx.terminal.id, body: JSON.stringify(b), now: ctx.now.toISOString() }))
    throw new ApiError(409, 'conflict', 'A rating with this id was already received under another key.', 'Đánh giá này đã được nhận trước đó.');
  return { status: 201, body: { ratingId: b.ratingId, receivedAt: ctx.now.toISOString() } };
}

export const paymentBody = (p: PaymentRow): Record<string, unknown> => ({
  paymentId: p.id,
  dossierId: p.dossier_id,
  amountVnd: p.amount_vnd,
  state: p.state,
  ...(p.confirmed_at ? { confirmedAt: p.confirmed_at } : {}),
  ...(p.reason ? { reason: p.reason } : {}),
});

export function createPayment(ctx: HandlerContext): Reply {
  const b = ctx.body as { paymentId: string; dossierId: string; amountVnd: number };
  requireOwnDossier(ctx, b.dossierId);
  if (paymentById(ctx.deps.db, b.paymentId))
    throw new ApiError(409, 'conflict', 'A payment with this id was already registered under another key.', 'Khoản thanh toán này đã được ghi nhận trước đó.');
  const row: PaymentRow = {
    id: b.paymentId,
    terminal_id: ctx.terminal.id,
    dossier_id: b.dossierId,
    amount_vnd: b.amountVnd,
    state: 'pending',
    confirmed_at: null,
    reason: null,
    created_at: ctx.now.toISOString(),
  };
  insertPayment(ctx.deps.db, row);
  return { status: 201, body: paymentBody(row) };
}

export function getPayment(ctx: HandlerContext): Reply {
  const p = paymentById(ctx.deps.db, ctx.pathParams['paymentId'] ?? '');
  if (!p || p.terminal_id !== ctx.terminal.id) throw notFound('payment', 'khoản thanh toán');
  return { status: 200, body: paymentBody(p) };
}
