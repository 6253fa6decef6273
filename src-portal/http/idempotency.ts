import type { HandlerContext, JsonHandler } from '../handlers/context';
import { findAnswer, storeAnswer } from '../repo/idempotency';
import { ApiError } from './api-error';
import type { Reply } from './http-io';
import { requestHash } from './request-hash';

export const keyReused = (): ApiError =>
  new ApiError(422, 'idempotency_key_reused', 'This Idempotency-Key was already used with a different request body.', 'Khóa Idempotency-Key này đã được dùng cho một yêu cầu khác.');

export const inProgress = (): ApiError =>
  new ApiError(409, 'request_in_progress', 'A request with this Idempotency-Key is still being processed; retry later.', 'Một yêu cầu với khóa này đang được xử lý; vui lòng thử lại sau.');

/** An earlier answer given again: the client can tell from `Idempotent-Replayed`. */
export const storedReply = (reply: Reply): Reply => ({ ...reply, headers: { ...reply.headers, 'idempotent-replayed': 'true' } });

/**
 * The check, the effect and the stored answer commit together: exactly once per (terminal,
 * operation, key). `busyKeys` holds keys whose request is still receiving bytes (a creation with
 * upload, a bundle): the same key meanwhile gets 409.
 */
export function idempotent(ctx: HandlerContext, operation: string, key: string, handler: JsonHandler, busyKeys: ReadonlySet<string>): Reply {
  const hash = requestHash(operation, ctx.body);
  if (busyKeys.has(`${ctx.terminal.id}\n${key}`)) throw inProgress();
  const { db } = ctx.deps;
  return db.transaction((): Reply => {
    const stored = findAnswer(db, ctx.terminal.id, operation, key);
    if (stored) {
      if (stored.request_hash !== hash) throw keyReused();
      return storedReply({ status: stored.status, headers: JSON.parse(stored.headers) as Record<string, string>, body: JSON.parse(stored.body) as unknown });
    }
    const reply = handler(ctx);
    // Only successes are kept: a refusal (e.g. files not yet verified) may succeed on a retry.
    if (reply.status >= 200 && reply.status < 300) {
      const answer = { status: reply.status, headers: JSON.stringify(reply.headers ?? {}), body: JSON.stringify(reply.body ?? null) };
      storeAnswer(db, { terminalId: ctx.terminal.id, operation, key, requestHash: hash, ...answer, now: ctx.now.toISOString() });
    }
    return reply;
  })();
}
