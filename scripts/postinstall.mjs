// npm's last step of `npm ci` / `npm install` (docs/decisions/0035-install-without-electron.md).
// Electron is an optional dependency: where its binary cannot be downloaded (no route to GitHub),
// npm reports the failed optional install, drops the package and goes on. This machine then runs
// the browser host only. The package's type definitions are still wanted (the typecheck covers
// src-main/electron everywhere), so its tarball, binary-less, is unpacked from npm's registry or
// cache into node_modules/electron. Never fails the install: the worst case is said in one line.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const electronDir = join('node_modules', 'electron');
const say = (line) => process.stdout.write(`postinstall: ${line}\n`);

if (existsSync(join(electronDir, 'path.txt'))) {
  say('Electron installed with its binary: `npm start` runs the Electron host.');
} else if (existsSync(join(electronDir, 'package.json'))) {
  say('Electron installed without its binary (ELECTRON_SKIP_BINARY_DOWNLOAD): browser host only; `npm start` uses the system Chromium.');
} else {
  say("Electron could not be installed (its binary download failed, so npm dropped the optional package): this machine runs the browser host only; `npm start` uses the system Chromium.");
  restoreTypesOnly();
}

function restoreTypesOnly() {
  const lock = JSON.parse(readFileSync('package-lock.json', 'utf8'));
  const version = lock.packages?.['node_modules/electron']?.version;
  const npmCli = process.env.npm_execpath;
  if (!version || !npmCli) {
    say('Electron type definitions not restored (no locked version or no npm): the typecheck of src-main/electron will fail.');
    return;
  }
  const scratch = mkdtempSync(join(tmpdir(), 'electron-types-'));
  try {
    const pack = spawnSync(process.execPath, [npmCli, 'pack', `electron@${version}`, '--prefer-offline', '--silent', '--pack-destination', scratch], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const tarball = readdirSync(scratch).find((f) => f.endsWith('.tgz'));
    if (pack.status !== 0 || !tarball) throw new Error(pack.stderr.trim().split('\n').pop() || `npm pack exited ${pack.status}`);
    mkdirSync(electronDir, { recursive: true });
    const untar = spawnSync('tar', ['-xzf', join(scratch, tarball), '-C', electronDir, '--strip-components=1'], { encoding: 'utf8' });
    if (untar.status !== 0) throw new Error(untar.stderr.trim() || `tar exited ${untar.status}`);
    // Read by nothing but people: why this package has no binary and no dependencies installed.
    writeFileSync(join(electronDir, 'TYPES-ONLY'), 'Unpacked by scripts/postinstall.mjs for its type definitions; no binary.\n');
    say(`Electron ${version} type definitions unpacked into ${electronDir} (no binary) for the typecheck.`);
  } catch (error) {
    rmSync(electronDir, { recursive: true, force: true });
    say(`Electron type definitions not restored (${error instanceof Error ? error.message : String(error)}): the typecheck of src-main/electron will fail.`);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
