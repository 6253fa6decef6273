import type { z } from 'zod';
import { isMethodName, methods, type MethodName, type Methods, type ResponseOf } from '../../src-shared/contract';
import { fail, ok, type Reply } from '../../src-shared/errors';
import { roleOf } from '../../src-shared/method-roles';
import type { Role } from '../../src-shared/staff-access';
import type { MethodsOf } from '../../src-shared/method-roles';
import { cleanRequestText } from './clean-request';
import { KioskError } from '../kernel/kiosk-error';
import type { Logger } from '../kernel/logger';

export type Handlers = {
  [M in MethodName]: (request: z.output<Methods[M]['request']>) => Promise<ResponseOf<M>> | ResponseOf<M>;
};
/** The handlers of one role's methods. */
export type HandlersOf<R extends Role> = Pick<Handlers, MethodsOf<R>>;

/** Main's check of a role session token (src-main/staff/role-sessions.ts); a granted call counts as activity. */
export interface SessionCheck {
  authorize(token: unknown, needed: Exclude<Role, 'citizen'>): boolean;
}

/**
 * The one entry for every request from a renderer, whichever host carried it. The renderer is
 * untrusted: the method name and request are validated here, a staff or IT method runs only with
 * a live session token of that role (decision 0021), and no error escapes as a throw.
 */
export class Dispatcher {
  constructor(
    private readonly handlers: Handlers,
    private readonly logger: Logger,
    private readonly sessions: SessionCheck,
  ) {}

  async dispatch(method: unknown, request: unknown): Promise<Reply<unknown>> {
    if (!isMethodName(method)) {
      return fail('unknown_method', `Unknown method: ${typeof method === 'string' ? method.slice(0, 64) : `a ${typeof method}`}`);
    }
    const role = roleOf(method);
    // Before validation: without a live token a caller learns nothing, not even the request's shape.
    if (role !== 'citizen' && !this.sessions.authorize(sessionOf(request), role)) {
      return fail('forbidden', `${method}: ${role === 'it' ? 'IT' : 'staff'} login required.`);
    }
    const parsed = methods[method].request.safeParse(cleanRequestText(request));
    if (!parsed.success) {
      const first = parsed.error.issues[0];
      const where = first?.path.length ? first.path.join('.') : 'request';
      return fail('invalid_request', `${method}: ${where}: ${first?.message ?? 'invalid'}`);
    }
    try {
      const handler = this.handlers[method] as (r: unknown) => Promise<unknown> | unknown;
      const value = await handler(parsed.data);
      return ok(value);
    } catch (error) {
      if (error instanceof KioskError) return fail(error.code, error.message);
      this.logger.log('error', 'handler failed', {
        method,
        error: error instanceof Error ? (error.stack ?? error.message) : String(error),
      });
      return fail('internal', 'The kiosk hit an unexpected error. Please ask the staff for help.');
    }
  }
}

function sessionOf(request: unknown): unknown {
  return typeof request === 'object' && request !== null && Object.prototype.hasOwnProperty.call(request, 'session')
    ? (request as { session: unknown }).session
    : undefined;
}
