import { dayDistance, localDay } from '../day';
import { ApiError } from '../http/api-error';
import type { HandlerContext } from './context';

/** Blocks are for yesterday, today or tomorrow (center time): clocks drift and midnight passes. */
export function requireNearDay(ctx: HandlerContext, day: string): void {
  const today = localDay(ctx.now, ctx.deps.config.timeZone);
  if (Math.abs(dayDistance(today, day)) > 1)
    throw new ApiError(
      422,
      'invalid_day',
      `The day ${day} is too far from today (${today}) at the center.`,
      `Ngày ${day} cách quá xa ngày hôm nay (${today}) tại trung tâm.`,
      { today },
    );
}
