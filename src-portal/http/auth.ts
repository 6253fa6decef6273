import type { Database } from 'better-sqlite3';
import { hashCredential } from '../handlers/terminals';
import { terminalByCredential, touchTerminal, type TerminalRow } from '../repo/terminals';
import { ApiError } from './api-error';

/** "Last seen" is for people reading the admin page: refreshed at most this often, not per request. */
const TOUCH_EVERY_MS = 10_000;

const unauthorized = (): ApiError =>
  new ApiError(401, 'unauthorized', 'This terminal is not enrolled or its credential was revoked.', 'Máy này chưa được đăng ký hoặc thông tin xác thực đã bị thu hồi.', undefined, {
    'www-authenticate': 'Bearer',
  });

/** The enrolled terminal whose Bearer credential the request carries, or 401. */
export function authenticate(db: Database, authorization: string | undefined, now: Date): TerminalRow {
  const m = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
  const terminal = m?.[1] ? terminalByCredential(db, hashCredential(m[1])) : undefined;
  if (!terminal) throw unauthorized();
  if (terminal.last_seen_at === null || now.getTime() - Date.parse(terminal.last_seen_at) >= TOUCH_EVERY_MS) touchTerminal(db, terminal.id, now.toISOString());
  return terminal;
}
