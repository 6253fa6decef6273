import type { Database } from 'better-sqlite3';

export interface EnrollmentTokenRow {
  token_hash: string;
  /** The terminal id the administrator chose at issue, if any. */
  terminal_id: string | null;
  created_at: string;
  expires_at: string;
  /** The first enrollment with the token; later ones by the same terminal leave it. */
  used_at: string | null;
  used_by_terminal: string | null;
}

export function insertEnrollmentToken(db: Database, t: { tokenHash: string; terminalId: string | null; createdAt: string; expiresAt: string }): void {
  db.prepare(`INSERT INTO enrollment_tokens (token_hash, terminal_id, created_at, expires_at) VALUES (@tokenHash, @terminalId, @createdAt, @expiresAt)`).run(t);
}

export function enrollmentTokenByHash(db: Database, tokenHash: string): EnrollmentTokenRow | undefined {
  return db.prepare('SELECT * FROM enrollment_tokens WHERE token_hash = ?').get(tokenHash) as EnrollmentTokenRow | undefined;
}

/** Binds an unused token to the terminal that enrolled with it; false when it was already bound. */
export function markEnrollmentTokenUsed(db: Database, tokenHash: string, terminalId: string, now: string): boolean {
  return db.prepare('UPDATE enrollment_tokens SET used_at = ?, used_by_terminal = ? WHERE token_hash = ? AND used_at IS NULL').run(now, terminalId, tokenHash).changes === 1;
}

/**
 * Withdraws a token (a QR that leaked, a terminal never installed): it expires now, so it is
 * refused from here on as any expired token is. Found by the start of its hash, which says nothing
 * of the token. False when no token, or more than one, starts so.
 */
export function withdrawEnrollmentToken(db: Database, hashPrefix: string, now: string): boolean {
  const rows = db.prepare("SELECT token_hash, created_at FROM enrollment_tokens WHERE token_hash LIKE ? || '%' AND expires_at > ?").all(hashPrefix, now) as { token_hash: string; created_at: string }[];
  const row = rows.length === 1 ? rows[0] : undefined;
  if (!row) return false;
  // expires_at > created_at holds: a token withdrawn in the millisecond it was issued ends one later.
  const end = now > row.created_at ? now : new Date(Date.parse(row.created_at) + 1).toISOString();
  return db.prepare('UPDATE enrollment_tokens SET expires_at = ? WHERE token_hash = ?').run(end, row.token_hash).changes === 1;
}

/** Newest first: what the admin page lists (never the token itself, only its hash is kept). */
export function latestEnrollmentTokens(db: Database, limit: number): EnrollmentTokenRow[] {
  return db.prepare('SELECT * FROM enrollment_tokens ORDER BY created_at DESC, rowid DESC LIMIT ?').all(limit) as EnrollmentTokenRow[];
}
