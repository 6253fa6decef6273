// The process the migration chaos test kills. Argv: seed <file> <tickets> <catalog json> | migrate <file>.
// seed: a store at OLD_VERSION with tickets and the catalog; migrate: opens it the way the kiosk
// does, with the slow list, printing MIGRATING just before and DONE after.
import { readFileSync } from 'node:fs';
import { parseCatalog } from '../../src-main/catalog/catalog-import';
import { importCatalog } from '../../src-main/catalog/catalog-repository';
import { migrations } from '../../src-main/db/migrations';
import { openDatabase } from '../../src-main/db/open-database';
import { OLD_VERSION, slowMigrations } from './slow-migrations';

const [mode = '', file = '', tickets = '0', catalogFile = ''] = process.argv.slice(2);
if (mode === 'seed') {
  const db = openDatabase(file, { migrations: migrations.slice(0, OLD_VERSION) });
  importCatalog(db, parseCatalog(JSON.parse(readFileSync(catalogFile, 'utf8'))), new Date('2026-12-01T01:00:00Z'));
  const insert = db.prepare(
    `INSERT INTO tickets (id, service_id, day, number, display, priority, issued_at) VALUES (?, 'ho-tich', ?, ?, ?, 'none', ?)`,
  );
  db.transaction(() => {
    for (let i = 0; i < Number(tickets); i++) {
      const day = `2026-${String(1 + (i % 12)).padStart(2, '0')}-01`;
      insert.run(`t-${i}`, day, i, `B${String(i).padStart(6, '0')}`, `${day}T01:00:00.000Z`);
    }
  })();
  db.close();
} else if (mode === 'migrate') {
  process.stdout.write('MIGRATING\n');
  const started = performance.now();
  openDatabase(file, { migrations: slowMigrations }).close();
  process.stdout.write(`MIGRATED ${Math.round(performance.now() - started)}\n`);
} else throw new Error(`unknown mode ${mode}`);
process.stdout.write('DONE\n');
