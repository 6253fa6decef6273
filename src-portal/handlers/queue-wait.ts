import { waitRange } from '../../src-shared/queue-wait';
import { notFound } from '../http/api-error';
import type { Reply } from '../http/http-io';
import { paceOf, peopleAhead, queueTicket, ticketState, waitingCounts } from '../repo/queue-wait';
import type { PortalDeps } from './context';
import type { HandlerContext } from './context';
import { requireNearDay } from './days';

/** The center's queue of a day as the portal knows it: every terminal's tickets, per service. */
export function getQueueStatus(ctx: HandlerContext): Reply {
  const day = ctx.query.get('day') ?? '';
  requireNearDay(ctx, day);
  const { db } = ctx.deps;
  const services = waitingCounts(db, day).map((s) => ({
    serviceId: s.service_id,
    waitingPriority: s.priority,
    waitingOthers: s.others,
    lastCalledAt: s.last_called_at,
    pace: paceOf(db, s.service_id, day, ctx.now),
  }));
  return { status: 200, body: { day, asOf: ctx.now.toISOString(), services } };
}

/** A ticket's place in the center's queue now; public (no personal data), so the ticket's QR page uses it too. */
export function queuePosition(deps: Pick<PortalDeps, 'db'>, ticketId: string, now: Date) {
  const t = queueTicket(deps.db, ticketId);
  if (!t) return null;
  const ahead = peopleAhead(deps.db, t);
  const state = ticketState(t);
  const pace = state === 'waiting' ? paceOf(deps.db, t.service_id, t.day, now) : null;
  return {
    ticketId: t.id,
    serviceId: t.service_id,
    day: t.day,
    number: t.number,
    priority: t.priority,
    state,
    peopleAhead: ahead,
    pace,
    estimate: state === 'waiting' ? waitRange(ahead, pace) : null,
    asOf: now.toISOString(),
  };
}

export function getQueuePosition(ctx: HandlerContext): Reply {
  const id = ctx.pathParams['ticketId'] ?? '';
  const t = queueTicket(ctx.deps.db, id);
  const position = t && t.terminal_id === ctx.terminal.id ? queuePosition(ctx.deps, id, ctx.now) : null;
  if (!position) throw notFound('queue ticket', 'phiếu xếp hàng');
  return { status: 200, body: position };
}
