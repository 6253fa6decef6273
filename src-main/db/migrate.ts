import type { Database } from 'better-sqlite3';
import type { Migration } from './migration';

export class SchemaTooNewError extends Error {
  constructor(
    readonly found: number,
    readonly supported: number,
  ) {
    super(
      `The database is at schema version ${found}, but this kiosk version knows only up to ${supported}. ` +
        'It was written by a newer kiosk version; install that version again instead of downgrading.',
    );
  }
}

/** Runs pending migrations in one transaction; refuses a database written by a newer version. */
export function migrate(db: Database, list: readonly Migration[]): { from: number; to: number } {
  list.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`Migration list out of order at ${m.name}: expected version ${i + 1}`);
  });
  const from = db.pragma('user_version', { simple: true }) as number;
  const latest = list.length;
  if (from > latest) throw new SchemaTooNewError(from, latest);
  if (from === latest) return { from, to: from };
  db.transaction(() => {
    for (const m of list.slice(from)) db.exec(m.up);
    db.pragma(`user_version = ${latest}`);
  }).immediate();
  return { from, to: latest };
}
