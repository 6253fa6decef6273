// `npm start`: Electron where its binary is installed, else the browser host with system Chromium.
// Demo mode: the reference portal starts on loopback first (its data under <data dir>/demo-portal)
// and the kiosk syncs to it out of the box; `--no-portal` turns that off.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';

const noPortal = process.argv.includes('--no-portal');
const args = process.argv.slice(2).filter((a) => a !== '--no-portal');
const build = spawnSync(process.execPath, ['scripts/build.mjs'], { stdio: ['ignore', 'inherit', 'inherit'] });
if (build.status !== 0) process.exit(build.status ?? 1);
// `npm start -- --provision profile.json`: apply the profile to the data folder and stop (no portal, no window).
if (args.includes('--provision')) {
  const run = spawnSync(process.execPath, ['dist/main/web-main.mjs', ...args.filter((a) => a !== '--web')], { stdio: 'inherit' });
  process.exit(run.status ?? 1);
}

const electronBinary = findElectronBinary();
const wantWeb = args.includes('--web');
let command;
let commandArgs;
if (!wantWeb && electronBinary) {
  command = electronBinary;
  commandArgs = ['dist/main/electron-main.mjs', ...args];
} else {
  if (!wantWeb) {
    process.stderr.write(
      'Electron is not installed here (its binary was not downloaded), so the kiosk starts in the browser host\n' +
        'with the system Chromium instead. See README.md, "Troubleshooting".\n',
    );
  }
  command = process.execPath;
  commandArgs = ['dist/main/web-main.mjs', ...args.filter((a) => a !== '--web')];
}
const dataDir = kioskDataDir(args);
const portal = noPortal ? null : await startDemoPortal(dataDir);
pointKioskAt(dataDir, portal?.url ?? null);
const child = spawn(command, commandArgs, { stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => {
  portal?.process.kill('SIGTERM');
  process.exit(code ?? 1);
});

/** The kiosk's data dir as the kiosk itself will resolve it (src-main/app/paths.ts). */
function kioskDataDir(argv) {
  const i = argv.findIndex((a) => a === '--data-dir' || a.startsWith('--data-dir='));
  if (i >= 0) return resolve(argv[i].includes('=') ? argv[i].slice('--data-dir='.length) : (argv[i + 1] ?? '.'));
  if (process.platform === 'win32') return join(process.env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'motcua-kiosk');
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'motcua-kiosk');
  return join(process.env.XDG_DATA_HOME ?? join(homedir(), '.local', 'share'), 'motcua-kiosk');
}

/** Runs `npm run portal` on a free loopback port and waits for its PORTAL_URL= line. */
function startDemoPortal(kioskDir) {
  const portalDir = join(kioskDir, 'demo-portal');
  mkdirSync(portalDir, { recursive: true });
  const proc = spawn(process.execPath, ['--import', 'tsx', 'src-portal/main.ts', '--port', '0', '--data-dir', portalDir], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolvePortal, reject) => {
    const lines = createInterface({ input: proc.stdout });
    lines.on('line', (line) => {
      if (!line.startsWith('PORTAL_URL=')) return;
      const url = line.slice('PORTAL_URL='.length).trim();
      process.stderr.write(`Demo portal: ${url} (received dossiers: ${url}/admin); start with --no-portal to run without it.\n`);
      resolvePortal({ url, process: proc });
    });
    proc.on('exit', (code) => reject(new Error(`The demo portal stopped before it was ready (exit ${code}).`)));
  });
}

/**
 * Writes sync.portalUrl into <data dir>/config.json (other settings kept). A portal the operator
 * configured (not one this script wrote) is never replaced.
 */
function pointKioskAt(kioskDir, url) {
  const file = join(kioskDir, 'config.json');
  const marker = join(kioskDir, 'demo-portal', 'portal-url');
  let config = {};
  if (existsSync(file)) {
    try {
      config = JSON.parse(readFileSync(file, 'utf8'));
    } catch {
      return; // The kiosk itself says what is wrong with the file.
    }
  }
  const current = config?.sync?.portalUrl ?? null;
  const ours = existsSync(marker) ? readFileSync(marker, 'utf8') : null;
  if (current !== null && current !== ours) {
    if (url) process.stderr.write(`config.json names a portal (${current}); the kiosk syncs to it, not to the demo portal.\n`);
    return;
  }
  config.sync = { ...config.sync, portalUrl: url, ...(url ? { enrollmentToken: 'demo-enrollment-token' } : {}) };
  mkdirSync(join(kioskDir, 'demo-portal'), { recursive: true });
  writeFileSync(`${file}.tmp`, `${JSON.stringify(config, null, 2)}\n`);
  renameSync(`${file}.tmp`, file);
  writeFileSync(marker, url ?? '');
}

function findElectronBinary() {
  try {
    // In plain Node the electron package exports the path of its binary.
    const path = createRequire(import.meta.url)('electron');
    return typeof path === 'string' && existsSync(path) ? path : undefined;
  } catch {
    return undefined;
  }
}
