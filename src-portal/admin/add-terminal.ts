import { z } from 'zod';
import { formatSetupQr, SetupQrSchema } from '../../src-shared/setup-qr';
import type { PortalDeps } from '../handlers/context';
import { issueEnrollmentToken } from '../handlers/enrollment-tokens';
import { latestEnrollmentTokens } from '../repo/enrollment-tokens';

/** Empty from the page's form means "no id chosen"; the id rule is the set-up QR's own. */
export const NewTerminalBody = z
  .object({ terminalId: z.preprocess((v) => (v === '' ? undefined : v), SetupQrSchema.shape.terminalId) })
  .strict();

/** What issuing answers, once: the token is never shown again (only its hash is kept). */
export interface NewTerminalReply {
  token: string;
  terminalId: string | null;
  expiresAt: string;
  portalUrl: string;
  /** The text of the set-up QR (src-shared/setup-qr.ts), for the kiosk's set-up wizard. */
  setupQr: string;
}

export function issueForNewTerminal(deps: PortalDeps, portalUrl: string, terminalId: string | null): NewTerminalReply {
  const issued = deps.db.transaction(() => issueEnrollmentToken(deps, terminalId))();
  const setupQr = formatSetupQr({
    motcuaSetup: 1,
    portalUrl,
    enrollmentToken: issued.token,
    expiresAt: issued.expiresAt,
    ...(terminalId === null ? {} : { terminalId }),
    centerId: deps.config.centerId,
  });
  return { token: issued.token, terminalId, expiresAt: issued.expiresAt, portalUrl, setupQr };
}

const TOKEN_ID_LENGTH = 12;
export const WithdrawTokenBody = z.object({ id: z.string().regex(new RegExp(`^[0-9a-f]{${TOKEN_ID_LENGTH}}$`), 'the token id shown in the list') }).strict();

export type IssuedTokenState = 'unused' | 'used' | 'expired';

export interface IssuedTokenView {
  /** The start of the token's hash: enough to withdraw it, nothing of the token. */
  id: string;
  /** Still accepted (by anyone, or by the terminal that used it): it can be withdrawn. */
  withdrawable: boolean;
  terminalId: string | null;
  createdAt: string;
  expiresAt: string;
  state: IssuedTokenState;
  usedAt: string | null;
  usedBy: string | null;
}

/** The tokens issued lately, as the admin page lists them: who for, until when, used or not. */
export function issuedTokens(deps: PortalDeps, now: Date, limit = 100): IssuedTokenView[] {
  const at = now.toISOString();
  return latestEnrollmentTokens(deps.db, limit).map((t) => ({
    id: t.token_hash.slice(0, TOKEN_ID_LENGTH),
    withdrawable: at < t.expires_at,
    terminalId: t.terminal_id,
    createdAt: t.created_at,
    expiresAt: t.expires_at,
    state: t.used_by_terminal !== null ? 'used' : at >= t.expires_at ? 'expired' : 'unused',
    usedAt: t.used_at,
    usedBy: t.used_by_terminal,
  }));
}
