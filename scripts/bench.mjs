// `npm run bench`: builds, then runs every tests/bench/*.bench.ts and prints their BENCH lines.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';

const build = spawnSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(1);
let failed = false;
for (const file of readdirSync('tests/bench').filter((f) => f.endsWith('.bench.ts')).sort()) {
  const run = spawnSync(process.execPath, ['--import', 'tsx', `tests/bench/${file}`], { stdio: 'inherit' });
  failed ||= run.status !== 0;
}
process.exitCode = failed ? 1 : 0;
