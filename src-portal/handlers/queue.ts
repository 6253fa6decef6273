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
  numberSource?: 'block' | 'terminal';
}

/**
 * A terminal's own range (decision 0042): its enrollment index · 10^digits + n, n ≥ 1, for the
 * service's digits (2 to 5, which the portal does not know: any of them will do). Portal numbers
 * and blocks stay below 10^digits, other terminals have other indexes.
 */
export function inTerminalRange(index: number, number: number): boolean {
  for (let digits = 2; digits <= 5; digits++) {
    const scale = 10 ** digits;
    if (Math.floor(number / scale) === index && number % scale >= 1) return true;
  }
  return false;
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
    const fromRange = b.numberSource === 'terminal';
    const inside = fromRange ? inTerminalRange(ctx.terminal.idx, b.number) : inOwnBlock(db, ctx.terminal.id, b.serviceId, b.day, b.number);
    if (!inside || numberTaken(db, b.serviceId, b.day, b.number))
      throw new ApiError(
        409,
        'number_conflict',
        `Number ${b.number} of ${b.serviceId} on ${b.day} is not free in this terminal's ${fromRange ? 'range' : 'blocks'}.`,
        `Số ${b.number} của dịch vụ ${b.serviceId} ngày ${b.day} không thuộc ${fromRange ? 'dải số' : 'khối số'} còn trống của máy này.`,
      );
    number = b.number;
    source = fromRange ? 'terminal' : 'block';
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
