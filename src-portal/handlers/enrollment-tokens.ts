import { createHash } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import { ApiError } from '../http/api-error';
import { enrollmentTokenByHash, insertEnrollmentToken, markEnrollmentTokenUsed } from '../repo/enrollment-tokens';
import type { PortalDeps } from './context';

/**
 * One-time enrollment tokens (decision 0038). Typed on a touch keyboard when the terminal has no
 * scanner, so: 20 characters of Crockford base32 (100 bits; no I, L, O or U to misread) in groups
 * of five. What was typed is read back leniently (case, spaces, dashes, O for 0, I/L for 1).
 */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const TOKEN_CHARS = 20;

/** Why the portal refused a one-time token: `details.reason` of the 401 (docs/sync-api.yaml). */
export type EnrollmentTokenRefusal = 'enrollment_token_expired' | 'enrollment_token_used' | 'enrollment_token_other_terminal';

export interface IssuedEnrollmentToken {
  token: string;
  terminalId: string | null;
  createdAt: string;
  expiresAt: string;
}

/** The token a secret makes: the secret's SHA-256 (it comes from the injected `newSecret`), in base32. */
function typeableToken(secret: string): string {
  const digest = createHash('sha256').update(secret).digest();
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of digest) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5 && out.length < TOKEN_CHARS) {
      out += ALPHABET[(value >> (bits - 5)) & 31] ?? '';
      bits -= 5;
    }
    value &= (1 << bits) - 1;
    if (out.length === TOKEN_CHARS) break;
  }
  return out.match(/.{5}/g)?.join('-') ?? out;
}

/** The canonical form of a typed token, or null when it cannot be one of ours. */
export function canonicalToken(given: string): string | null {
  const s = given.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  return s.length === TOKEN_CHARS && [...s].every((c) => ALPHABET.includes(c)) ? s : null;
}

const tokenHash = (canonical: string): string => createHash('sha256').update(`enrollment-token:${canonical}`).digest('hex');

/** Issues a token valid for the configured hours; only its hash is stored. */
export function issueEnrollmentToken(deps: PortalDeps, terminalId: string | null): IssuedEnrollmentToken {
  const token = typeableToken(deps.newSecret());
  const now = deps.clock();
  const issued = {
    token,
    terminalId,
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + deps.config.enrollmentTokenHours * 3_600_000).toISOString(),
  };
  insertEnrollmentToken(deps.db, { tokenHash: tokenHash(canonicalToken(token) ?? token), terminalId, createdAt: issued.createdAt, expiresAt: issued.expiresAt });
  return issued;
}

const refused = (reason: EnrollmentTokenRefusal, message: string, messageVi: string, details: Record<string, unknown> = {}): ApiError =>
  new ApiError(401, 'unauthorized', message, messageVi, { reason, ...details });

/**
 * Accepts a one-time token for this terminal, binding it at its first use; throws the 401 that
 * says why not. Returns false when the token is not one the admin page issued (the caller's
 * "not valid"). The same terminal may enroll with it again until it expires: the set-up's trial
 * enrollment and the kiosk's own first one are two (each rotates the credential).
 */
export function acceptOneTimeToken(db: Database, given: string, terminalId: string, now: Date): boolean {
  const canonical = canonicalToken(given);
  const row = canonical === null ? undefined : enrollmentTokenByHash(db, tokenHash(canonical));
  if (!row) return false;
  if (now.toISOString() >= row.expires_at)
    throw refused(
      'enrollment_token_expired',
      `This enrollment token expired at ${row.expires_at}. Ask the portal's administrator for a new one.`,
      `Mã đăng ký thiết bị này đã hết hạn lúc ${row.expires_at}. Hãy đề nghị quản trị viên cổng cấp mã mới.`,
      { expiredAt: row.expires_at },
    );
  if (row.terminal_id !== null && row.terminal_id !== terminalId)
    throw refused(
      'enrollment_token_other_terminal',
      `This enrollment token was issued for terminal ${row.terminal_id}, not ${terminalId}.`,
      `Mã đăng ký thiết bị này được cấp cho máy ${row.terminal_id}, không phải máy ${terminalId}.`,
      { terminalId: row.terminal_id },
    );
  if (row.used_by_terminal !== null && row.used_by_terminal !== terminalId)
    throw refused(
      'enrollment_token_used',
      `This enrollment token was already used by terminal ${row.used_by_terminal}; a token enrolls one terminal. Ask for a new one.`,
      `Mã đăng ký thiết bị này đã được máy ${row.used_by_terminal} sử dụng; mỗi mã chỉ đăng ký một máy. Hãy đề nghị cấp mã mới.`,
      { terminalId: row.used_by_terminal },
    );
  if (row.used_by_terminal === null) markEnrollmentTokenUsed(db, row.token_hash, terminalId, now.toISOString());
  return true;
}
