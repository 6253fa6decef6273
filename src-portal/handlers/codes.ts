import type { Reply } from '../http/http-io';
import { reserveCodeBlock } from '../repo/codes';
import type { HandlerContext } from './context';
import { requireNearDay } from './days';

export function reserveDossierCodes(ctx: HandlerContext): Reply {
  const b = ctx.body as { day: string; count: number };
  requireNearDay(ctx, b.day);
  const blockId = ctx.deps.newId();
  const codes = reserveCodeBlock(ctx.deps.db, {
    blockId,
    terminalId: ctx.terminal.id,
    agency: ctx.deps.config.agencyCode,
    day: b.day,
    count: b.count,
    now: ctx.now.toISOString(),
  });
  return { status: 201, body: { blockId, agencyCode: ctx.deps.config.agencyCode, day: b.day, codes } };
}
