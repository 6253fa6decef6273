import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assetsDir } from '../../src-main/app/paths';
import { openDatabase } from '../../src-main/db/open-database';
import { buildChaosChild, runAndKill } from './kill-child';
import { OLD_VERSION, slowMigrations } from './slow-migrations';

const KILLS = Number(process.env.CHAOS_KILLS ?? 24);
const TICKETS = 40_000;
const LATEST = slowMigrations.length;

/** What the next start finds before it migrates: the version and whether the later tables exist. */
function peek(file: string): { version: number; tables: Set<string> } {
  // A plain connection: opening it replays (or drops) the WAL the killed process left, as the kiosk's own open would.
  const db = new BetterSqlite3(file);
  try {
    const version = db.pragma('user_version', { simple: true }) as number;
    const tables = new Set((db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).pluck().all() as string[]));
    return { version, tables };
  } finally {
    db.close();
  }
}

describe('chaos: the kiosk killed in the middle of a migration', () => {
  it(`after each of ${KILLS} SIGKILLs the store is at the old version or the new one, and the next start migrates it once, data intact`, async () => {
    const child = await buildChaosChild('migrate-child');
    const dir = mkdtempSync(join(tmpdir(), 'kiosk-migration-chaos-'));
    try {
      const template = join(dir, 'template.sqlite3');
      await runAndKill(child, ['seed', template, String(TICKETS), join(assetsDir(), 'demo-catalog.json')], 'never', null);
      const procedures = (() => {
        const db = new BetterSqlite3(template);
        const n = db.prepare(`SELECT count(*) FROM procedures`).pluck().get() as number;
        db.close();
        return n;
      })();
      expect(procedures).toBeGreaterThan(0);

      // How long an uninterrupted run takes, so the kills are spread over it.
      const file = join(dir, 'kiosk.sqlite3');
      copyFileSync(template, file);
      const whole = await runAndKill(child, ['migrate', file], 'MIGRATING', null);
      const took = Number(whole.lines.find((l) => l.startsWith('MIGRATED '))?.slice(9));
      expect(took).toBeGreaterThan(50);

      const delays = fc.sample(fc.integer({ min: 0, max: Math.round(took * 1.2) }), { numRuns: KILLS, seed: Number(process.env.CHAOS_SEED ?? 20261206) });
      let inside = 0;
      for (const [i, delay] of delays.entries()) {
        copyFileSync(template, file);
        const run = await runAndKill(child, ['migrate', file], 'MIGRATING', delay);
        const before = peek(file);
        // One transaction: all of the pending migrations, or none of them.
        if (before.version === OLD_VERSION) {
          if (run.killed) inside++;
          expect(before.tables.has('dossiers'), `kill ${i}: a migration half-applied`).toBe(false);
          expect(before.tables.has('chaos_marks'), `kill ${i}: a migration half-applied`).toBe(false);
        } else {
          expect(before.version, `kill ${i}`).toBe(LATEST);
        }

        // The next start: the kiosk's own open, which finishes the migrations.
        const db = openDatabase(file, { migrations: slowMigrations });
        try {
          expect(db.pragma('integrity_check', { simple: true }), `kill ${i}`).toBe('ok');
          expect(db.pragma('user_version', { simple: true })).toBe(LATEST);
          expect(db.prepare(`SELECT version FROM chaos_marks ORDER BY version`).pluck().all(), `kill ${i}: each migration once`).toEqual([LATEST - 1, LATEST]);
          expect(db.prepare(`SELECT count(*) FROM tickets`).pluck().get()).toBe(TICKETS);
          expect(db.prepare(`SELECT count(*) FROM tickets WHERE chaos_note IS NULL OR chaos_note <> display || '/' || issued_at`).pluck().get()).toBe(0);
          expect(db.prepare(`SELECT count(*) FROM chaos_ticket_copy`).pluck().get()).toBe(TICKETS);
          expect(db.prepare(`SELECT count(*) FROM procedures`).pluck().get()).toBe(procedures);
          for (const table of ['dossiers', 'outbox_jobs', 'payments']) {
            expect(db.prepare(`SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?`).pluck().get(table), `${table} after kill ${i}`).toBe(1);
          }
        } finally {
          db.close();
        }
      }
      // The kills must land inside the migration run, not only before or after it.
      expect(inside).toBeGreaterThanOrEqual(KILLS / 2);
      console.log(`migration chaos: ${KILLS} kills, ${inside} inside the migration run (${took} ms uninterrupted)`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);
});
