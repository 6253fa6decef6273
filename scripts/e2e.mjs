// Runs the end-to-end specs (node:test + playwright-core) and writes a TAP copy for the totals.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const dirs = ['tests/e2e-web', 'tests/e2e-electron'];
const files = dirs.flatMap((d) => readdirSync(d).filter((f) => f.endsWith('.spec.ts')).map((f) => join(d, f)));
mkdirSync('tests/artifacts', { recursive: true });
const tap = 'tests/artifacts/e2e.tap';
const run = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-concurrency=1', '--test-reporter=spec', '--test-reporter-destination=stdout', '--test-reporter=tap', `--test-reporter-destination=${tap}`, ...files],
  { stdio: 'inherit' },
);
const totals = readTotals(tap);
console.log(`e2e: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exitCode = run.status === 0 && totals.failed === 0 ? 0 : 1;

function readTotals(file) {
  const text = readFileSync(file, 'utf8');
  const count = (name) => Number(text.match(new RegExp(`^# ${name} (\\d+)$`, 'm'))?.[1] ?? 0);
  return { passed: count('pass'), failed: count('fail') + count('cancelled'), skipped: count('skipped') };
}
