// `npm run bench`: builds, then runs every tests/bench/*.bench.ts and prints their BENCH lines.
// `npm run bench -- scan print` runs only those benches (by file name before .bench.ts);
// `--no-build` skips the build for benches that do not use dist/ (scan, print, search).
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';

const args = process.argv.slice(2);
const only = args.filter((a) => !a.startsWith('--'));
const files = readdirSync('tests/bench')
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => only.length === 0 || only.includes(f.slice(0, -'.bench.ts'.length)))
  .sort();
if (files.length === 0) {
  console.error(`No bench named ${only.join(', ')} in tests/bench.`);
  process.exit(1);
}
if (!args.includes('--no-build')) {
  const build = spawnSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
  if (build.status !== 0) process.exit(1);
}
let failed = false;
for (const file of files) {
  const run = spawnSync(process.execPath, ['--import', 'tsx', `tests/bench/${file}`], { stdio: 'inherit' });
  failed ||= run.status !== 0;
}
process.exitCode = failed ? 1 : 0;
