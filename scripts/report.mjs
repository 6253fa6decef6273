// `npm run report -- [--data-dir DIR] [--day YYYY-MM-DD]`: prints one terminal's day report as
// JSON (issue #21, decision 0028). Opens the store read-only; runs from source through tsx.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import BetterSqlite3 from 'better-sqlite3';
import { loadKioskConfig } from '../src-main/app/load-config.ts';
import { migrations } from '../src-main/db/migrations/index.ts';
import { localDay } from '../src-main/kernel/clock.ts';
import { buildDayReport } from '../src-main/report/day-report.ts';
import { DaySchema } from '../src-shared/report.ts';

function fail(message, code = 1) {
  process.stderr.write(message + '\n');
  process.exit(code);
}

let values;
try {
  ({ values } = parseArgs({ options: { 'data-dir': { type: 'string' }, day: { type: 'string' } }, strict: true }));
} catch (error) {
  fail(`${error.message}\nusage: npm run report -- [--data-dir DIR] [--day YYYY-MM-DD]`, 2);
}
const { config, dataDir } = loadKioskConfig(values['data-dir'] ? ['--data-dir', values['data-dir']] : []);
const now = new Date();
const day = values.day ?? localDay(now, config.center.timeZone);
if (!DaySchema.safeParse(day).success || Number.isNaN(Date.parse(`${day}T00:00:00Z`))) fail(`--day: expected a date as YYYY-MM-DD, got "${day}"`, 2);

const file = join(dataDir, 'kiosk.sqlite3');
if (!existsSync(file)) fail(`No kiosk store at ${file}. Is --data-dir the kiosk's data folder?`);
let db;
try {
  db = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
  const version = db.pragma('user_version', { simple: true });
  if (version < migrations.length) fail(`The store at ${file} is at schema ${version}; start the kiosk once to bring it to ${migrations.length}.`);
  process.stdout.write(JSON.stringify(buildDayReport(db, { day, terminalId: config.terminal.id, timeZone: config.center.timeZone, now }), null, 2) + '\n');
} catch (error) {
  const busy = /^SQLITE_(BUSY|LOCKED)/.test(error.code ?? '');
  fail(
    busy
      ? `The running kiosk holds the store ${file} (it keeps it locked). Use the staff panel's day report, or run this after closing the kiosk.`
      : `The day report could not be read from ${file}: ${error.message}`,
  );
} finally {
  db?.close();
}
