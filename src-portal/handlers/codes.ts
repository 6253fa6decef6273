import { ApiError } from '../http/api-error';
import type { Reply } from '../http/http-io';
import { reserveCodeBlock } from '../repo/codes';
import type { HandlerContext } from './context';
import { requireNearDay } from './days';

export function reserveDossierCodes(ctx: HandlerContext): Reply {
  const b = ctx.body as { day: string; count: number; agencyCode?: string };
  requireNearDay(ctx, b.day);
  const { config, catalog } = ctx.deps;
  // Codes are numbered per agency (Circular 01/2018, Art. 19): one block per agency the kiosk offers.
  const agency = b.agencyCode ?? config.agencyCode;
  if (agency !== config.agencyCode && !catalog.offersAgency(agency))
    throw new ApiError(
      422,
      'unknown_agency',
      `No procedure of the catalog is handled by agency ${agency}.`,
      `Không có thủ tục nào trong danh mục thuộc cơ quan ${agency}.`,
    );
  const blockId = ctx.deps.newId();
  const codes = reserveCodeBlock(ctx.deps.db, {
    blockId,
    terminalId: ctx.terminal.id,
    agency,
    day: b.day,
    count: b.count,
    now: ctx.now.toISOString(),
  });
  return { status: 201, body: { blockId, agencyCode: agency, day: b.day, codes } };
}
