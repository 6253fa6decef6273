import type { Database } from 'better-sqlite3';

export interface StoredAnswer {
  request_hash: string;
  status: number;
  headers: string;
  body: string;
}

export function findAnswer(db: Database, terminalId: string, operation: string, key: string): StoredAnswer | undefined {
  return db
    .prepare('SELECT request_hash, status, headers, body FROM idempotency WHERE terminal_id = ? AND operation = ? AND key = ?')
    .get(terminalId, operation, key) as StoredAnswer | undefined;
}

export function storeAnswer(
  db: Database,
  a: { terminalId: string; operation: string; key: string; requestHash: string; status: number; headers: string; body: string; now: string },
): void {
  db.prepare(
    `INSERT INTO idempotency (terminal_id, operation, key, request_hash, status, headers, body, created_at)
     VALUES (@terminalId, @operation, @key, @requestHash, @status, @headers, @body, @now)`,
  ).run(a);
}
