import { ApiError } from '../http/api-error';
import type { Reply } from '../http/http-io';
import { allocateNumber, inOwnBlock, insertTicket, numberTaken, reserveQueueBlock, ticketById, type TicketRow } from '../repo/queue';
import type { HandlerContext } from './context';
import { requireNearDay } from './days';

interface TicketBody {
  ticketId: string;
  serviceId: string;
  day: string;
  priority: string;
  issuedAt: string;
  number?: number;
}

const ticketReply = (t: TicketRow): Reply => ({
  status: 201,
  body: { ticketId: t.id, serviceId: t.service_id, day: t.day, number: t.number, source: t.source },
});

export function registerQueueTicket(ctx: HandlerContext): Reply {
  const b = ctx.body as TicketBody;
  const { db } = ctx.deps;
  const existing = ticketById(db, b.ticketId);
  if (existing) {
    // The same ticket sent again under another key: its number must not change.
    if (existing.terminal_id === ctx.terminal.id && existing.service_id === b.serviceId && existing.day === b.day) return ticketReply(existing);
    throw new ApiError(409, 'conflict', 'This ticket id is already registered for something else.', 'Mã phiếu này đã được dùng cho phiếu khác.');
  }
  requireNearDay(ctx, b.day);
  let number: number;
  let source: TicketRow['source'];
  if (b.number === undefined) {
    number = allocateNumber(db, b.serviceId, b.day);
    source = 'portal';
  } else {
    if (!inOwnBlock(db, ctx.terminal.id, b.serviceId, b.day, b.number) || numberTaken(db, b.serviceId, b.day, b.number))
      throw new ApiError(
        409,
        'number_conflict',
        `Number ${b.number} of ${b.serviceId} on ${b.day} is not free in this terminal's blocks.`,
        `Số ${b.number} của dịch vụ ${b.serviceId} ngày ${b.day} không thuộc khối số còn trống của máy này.`,
      );
    number = b.number;
    source = 'block';
  }
  const row: TicketRow = {
    id: b.ticketId,
    terminal_id: ctx.terminal.id,
    service_id: b.serviceId,
    day: b.day,
    number,
    priority: b.priority,
    issued_at: b.issuedAt,
    source,
  };
  insertTicket(db, row);
  return ticketReply(row);
}

export function reserveQueueNumbers(ctx: HandlerContext): Reply {
  const b = ctx.body as { serviceId: string; day: string; count: number };
  requireNearDay(ctx, b.day);
  const blockId = ctx.deps.newId();
  const range = reserveQueueBlock(ctx.deps.db, {
    blockId,
    terminalId: ctx.terminal.id,
    serviceId: b.serviceId,
    day: b.day,
    count: b.count,
    now: ctx.now.toISOString(),
  });
  return { status: 201, body: { blockId, serviceId: b.serviceId, day: b.day, ...range } };
}
