import { createHash, timingSafeEqual } from 'node:crypto';
import { ApiError } from '../http/api-error';
import type { Reply } from '../http/http-io';
import { enrollTerminal, recordHeartbeat } from '../repo/terminals';
import type { HandlerContext, PortalDeps } from './context';
import { acceptOneTimeToken } from './enrollment-tokens';
import { terminalConfigEtag } from './terminal-config';

export const hashCredential = (credential: string): string => createHash('sha256').update(credential).digest('hex');

interface EnrollmentBody {
  enrollmentToken: string;
  terminalId: string;
  appVersion: string;
  name?: string;
}

function tokenAccepted(given: string, tokens: readonly string[]): boolean {
  const a = Buffer.from(given);
  return tokens.some((t) => {
    const b = Buffer.from(t);
    return a.length === b.length && timingSafeEqual(a, b);
  });
}

export function enroll(deps: PortalDeps, body: unknown): Reply {
  const b = body as EnrollmentBody;
  const now = deps.clock();
  // A configured token enrolls any terminal, as before; one issued on the admin page, one terminal.
  if (!tokenAccepted(b.enrollmentToken, deps.config.enrollmentTokens) && !acceptOneTimeToken(deps.db, b.enrollmentToken, b.terminalId, now))
    throw new ApiError(401, 'unauthorized', 'The enrollment token is not valid.', 'Mã đăng ký thiết bị không hợp lệ.');
  const credential = deps.newSecret();
  const terminalIndex = enrollTerminal(deps.db, {
    id: b.terminalId,
    name: b.name ?? null,
    appVersion: b.appVersion,
    credentialHash: hashCredential(credential),
    now: now.toISOString(),
  });
  return {
    status: 201,
    body: {
      terminalId: b.terminalId,
      terminalIndex,
      credential,
      centerId: deps.config.centerId,
      agencyCode: deps.config.agencyCode,
      timeZone: deps.config.timeZone,
    },
  };
}

export function heartbeat(ctx: HandlerContext): Reply {
  recordHeartbeat(ctx.deps.db, ctx.terminal.id, ctx.body as { appVersion: string; outbox: { depth: number } }, ctx.now.toISOString());
  return {
    status: 200,
    body: { serverTime: ctx.now.toISOString(), catalogEtag: ctx.deps.catalog.etag, configEtag: terminalConfigEtag(ctx.deps.db, ctx.terminal.id) },
  };
}
