import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assetsDir } from '../../src-main/app/paths';
import { parseCatalog } from '../../src-main/catalog/catalog-import';
import { getCatalogInfo } from '../../src-main/catalog/catalog-repository';
import { CatalogSearch } from '../../src-main/catalog/catalog-search';
import { openDatabase } from '../../src-main/db/open-database';
import type { CatalogDocument } from '../../src-shared/catalog';
import { chaosCatalogs } from './chaos-catalogs';
import { buildChaosChild, runAndKill } from './kill-child';

const KILLS = Number(process.env.CHAOS_KILLS ?? 20);

/** The store after a kill: its catalog must be one of the two, whole, with a search index that agrees. */
function inspect(file: string, catalogs: readonly CatalogDocument[], round: number): string {
  const db = openDatabase(file);
  try {
    expect(db.pragma('integrity_check', { simple: true }), `kill ${round}`).toBe('ok');
    const info = getCatalogInfo(db);
    if (info.state === 'empty') {
      expect(db.prepare(`SELECT count(*) FROM procedures`).pluck().get(), `kill ${round}: no catalog yet, yet procedures`).toBe(0);
      return 'empty';
    }
    const kept = catalogs.find((c) => c.version === info.version);
    expect(kept, `kill ${round}: unknown version ${info.version}`).toBeDefined();
    if (!kept) return 'unknown';
    const count = (sql: string) => db.prepare(sql).pluck().get() as number;
    expect(count(`SELECT count(*) FROM procedures`), `kill ${round}: procedures of ${kept.version}`).toBe(kept.procedures.length);
    expect(count(`SELECT count(*) FROM catalog_fields`)).toBe(kept.fields.length);
    expect(count(`SELECT count(*) FROM catalog_agencies`)).toBe(kept.agencies.length);
    // The search index agrees with the table: one row per procedure, same rowids, FTS5's own check passes.
    expect(count(`SELECT count(*) FROM procedure_search`), `kill ${round}: search rows`).toBe(kept.procedures.length);
    expect(count(`SELECT count(*) FROM procedure_search s LEFT JOIN procedures p ON p.rowid = s.rowid WHERE p.rowid IS NULL`)).toBe(0);
    expect(() => db.exec(`INSERT INTO procedure_search (procedure_search) VALUES ('integrity-check')`)).not.toThrow();
    // A search by name finds procedures of the kept catalog, and none of the other.
    const search = new CatalogSearch(db);
    for (const probe of [kept.procedures[0], kept.procedures[Math.floor(kept.procedures.length / 2)], kept.procedures.at(-1)]) {
      if (!probe) continue;
      const found = search.search(probe.name.vi, 200).results.map((r) => r.code);
      expect(found, `kill ${round}: search for "${probe.name.vi}" in ${kept.version}`).toContain(probe.code);
    }
    const codes = new Set(kept.procedures.map((p) => p.code));
    for (const other of catalogs.filter((c) => c !== kept)) {
      const foreign = other.procedures.find((p) => !codes.has(p.code));
      if (foreign) expect(search.search(foreign.code).results.map((r) => r.code)).not.toContain(foreign.code);
    }
    return kept.version;
  } finally {
    db.close();
  }
}

describe('chaos: the kiosk killed in the middle of a catalog import', () => {
  it(`after each of ${KILLS} SIGKILLs the store holds the whole old catalog or the whole new one, search index included`, async () => {
    const child = await buildChaosChild('catalog-child');
    const demoFile = join(assetsDir(), 'demo-catalog.json');
    const catalogs = chaosCatalogs(parseCatalog(JSON.parse(readFileSync(demoFile, 'utf8'))));
    expect(catalogs[1].procedures).toHaveLength(5000);
    const dir = mkdtempSync(join(tmpdir(), 'kiosk-catalog-chaos-'));
    const file = join(dir, 'kiosk.sqlite3');
    // An import of the large catalog takes some hundreds of ms; the child imports without pause.
    const delays = fc.sample(fc.integer({ min: 0, max: 1500 }), { numRuns: KILLS, seed: Number(process.env.CHAOS_SEED ?? 20261206) });
    const kept = new Map<string, number>();
    let imports = 0;
    try {
      for (const [i, delay] of delays.entries()) {
        const run = await runAndKill(child, [file, demoFile], 'READY', delay);
        expect(run.killed).toBe(true);
        imports += run.lines.filter((l) => l.startsWith('IMPORTED ')).length;
        const version = inspect(file, catalogs, i);
        // Once an import was acknowledged, some whole catalog is always there.
        if (imports > 0) expect(version, `kill ${i}: the catalog was lost`).not.toBe('empty');
        kept.set(version, (kept.get(version) ?? 0) + 1);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    // Both outcomes seen: kills landed while either catalog was being written.
    for (const c of catalogs) expect(kept.get(c.version) ?? 0, `rounds that kept ${c.version}`).toBeGreaterThan(0);
    console.log(`catalog chaos: ${KILLS} kills, ${imports} imports completed, kept: ${JSON.stringify(Object.fromEntries(kept))}`);
  }, 180_000);
});
