// catalog.search_p95_ms: 1,000 realistic queries over 5,000 generated procedures in a real SQLite
// file: names typed without marks, word by word as the citizen types, codes, typos and noise.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { foldVietnamese } from '../../src-shared/text';
import { systemClock } from '../../src-main/kernel/clock';
import { createMemoryLogger } from '../../src-main/kernel/logger';
import { CatalogService } from '../../src-main/catalog/catalog-service';
import { generateSyntheticCatalog } from '../../src-main/catalog/synthetic-catalog';
import { openDatabase } from '../../src-main/db/open-database';
import { VirtualPrinter } from '../../src-main/devices/virtual/virtual-printer';
import { demoConfig } from '../fakes/demo-config';
import { percentile, report } from './report';

const dir = mkdtempSync(join(tmpdir(), 'kiosk-bench-'));
const db = openDatabase(join(dir, 'kiosk.sqlite3'));
const catalog = new CatalogService(db, demoConfig(), new VirtualPrinter(576, join(dir, 'prints'), systemClock), systemClock, createMemoryLogger());
const doc = generateSyntheticCatalog(5000, 7);
catalog.importDocument(doc);

let seed = 42;
const rand = (n: number) => {
  seed = (seed * 1103515245 + 12345) >>> 0;
  return seed % n;
};
const queries: string[] = [];
while (queries.length < 1000) {
  const p = doc.procedures[rand(doc.procedures.length)]!;
  const words = foldVietnamese(p.name.vi).split(' ');
  const kind = rand(10);
  if (kind < 4) {
    // Typing in progress: the first k words and part of the next.
    const k = 1 + rand(Math.min(4, words.length));
    const partial = words.slice(0, k).join(' ');
    queries.push(partial.slice(0, Math.max(1, partial.length - rand(3))));
  } else if (kind < 6) queries.push(p.name.vi.slice(0, 8 + rand(30))); // with tone marks
  else if (kind < 7) queries.push(p.code);
  else if (kind < 8) queries.push(p.code.slice(0, 4 + rand(4)));
  else if (kind < 9) {
    // One typo: swap two letters of a word.
    const w = words[rand(words.length)] ?? 'dang';
    const i = rand(Math.max(1, w.length - 1));
    queries.push(w.length > 3 ? w.slice(0, i) + w[i + 1] + w[i] + w.slice(i + 2) : w);
  } else queries.push(['dat dai', 'khai sinh', 'so do', 'chung thuc', 'giay phep xay dung', 'ho kinh doanh'][rand(6)]!);
}

for (const q of queries.slice(0, 100)) catalog.search(q); // warm the statement cache and vocabulary
const samples = queries.map((q) => {
  const t0 = performance.now();
  catalog.search(q);
  return performance.now() - t0;
});
db.close();
report('catalog.search_p95_ms', percentile(samples, 95), 'ms', 2, `n=${samples.length} p50=${percentile(samples, 50).toFixed(3)} max=${Math.max(...samples).toFixed(2)}`);
