// `npm test`: lint, typecheck, OpenAPI lint, unit/db/contract tests (vitest), build, and the browser end-to-end
// tests; ends with one plain line `N passed, N failed` summing every suite (CI reads it).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

const totals = { passed: 0, failed: 0, skipped: 0 };
const failures = [];
mkdirSync('tests/artifacts', { recursive: true });

function run(label, command, args, env = {}) {
  console.log(`\n=== ${label}`);
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, FORCE_COLOR: '0', ...env } });
  return result.status === 0;
}
function check(label, ok) {
  if (ok) totals.passed += 1;
  else {
    totals.failed += 1;
    failures.push(label);
  }
}
const npx = (bin) => `node_modules/.bin/${bin}`;

check('lint', run('lint (eslint, import boundaries)', npx('eslint'), ['--max-warnings=0', '.']));
const projects = ['shared', 'main', 'renderer', 'tests', 'portal'];
check('typecheck', projects.every((p) => run(`typecheck ${p}`, npx('tsc'), ['-p', `tsconfig.${p}.json`])));

// The Kiosk Sync API through a standard OpenAPI linter too (redocly.yaml: built-in rules, offline).
const redoclyEnv = { REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' };
check('openapi lint', run('openapi lint (redocly, docs/sync-api.yaml)', npx('redocly'), ['lint', '--format=stylish', 'sync-api'], redoclyEnv));

const vitestJson = 'tests/artifacts/vitest.json';
rmSync(vitestJson, { force: true });
const vitestOk = run('unit, db and contract tests (vitest)', npx('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile=${vitestJson}`]);
if (existsSync(vitestJson)) {
  const report = JSON.parse(readFileSync(vitestJson, 'utf8'));
  totals.passed += report.numPassedTests;
  totals.failed += report.numFailedTests;
  totals.skipped += report.numPendingTests + (report.numTodoTests ?? 0);
  if (report.numFailedTests > 0 || !vitestOk) failures.push('vitest');
  if (!vitestOk && report.numFailedTests === 0) totals.failed += 1;
} else check('vitest (no report)', false);

const built = run('build', process.execPath, ['scripts/build.mjs']);
check('build', built);
if (built) {
  const e2eOk = run('end-to-end (Chromium, Electron where installed)', process.execPath, ['scripts/e2e.mjs']);
  const tap = existsSync('tests/artifacts/e2e.tap') ? readFileSync('tests/artifacts/e2e.tap', 'utf8') : '';
  const count = (name) => Number(tap.match(new RegExp(`^# ${name} (\\d+)$`, 'm'))?.[1] ?? 0);
  totals.passed += count('pass');
  totals.failed += count('fail') + count('cancelled');
  totals.skipped += count('skipped');
  if (!e2eOk) {
    failures.push('e2e');
    if (count('fail') + count('cancelled') === 0) totals.failed += 1;
  }
}

if (failures.length) console.log(`\nFailed: ${failures.join(', ')}`);
console.log(`\n${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ''}`);
process.exitCode = totals.failed === 0 ? 0 : 1;
