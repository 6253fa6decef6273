// The process the catalog chaos test kills: imports the demo catalog and a 5,000-procedure one in
// turn, for ever, into a real store, printing `IMPORTED <version>` after each. Argv: <store file> <demo catalog json>.
import { readFileSync } from 'node:fs';
import { parseCatalog } from '../../src-main/catalog/catalog-import';
import { importCatalog } from '../../src-main/catalog/catalog-repository';
import { openDatabase } from '../../src-main/db/open-database';
import { chaosCatalogs } from './chaos-catalogs';

const [file = '', demoFile = ''] = process.argv.slice(2);
const catalogs = chaosCatalogs(parseCatalog(JSON.parse(readFileSync(demoFile, 'utf8'))));
const db = openDatabase(file);
process.stdout.write('READY\n');
for (let i = 0; ; i++) {
  const doc = catalogs[i % catalogs.length]!;
  importCatalog(db, doc, new Date());
  process.stdout.write(`IMPORTED ${doc.version}\n`);
}
