// `npm start`: Electron where its binary is installed, else the browser host with system Chromium.
// Demo mode: the reference portal starts on loopback first (its data under <data dir>/demo-portal)
// and the kiosk syncs to it out of the box; `--no-portal` turns that off, `--portal-url URL`
// points the kiosk at a portal started separately (`npm run portal`) instead.
// `--no-build` skips the build when dist/ is already there (tests).
// The kiosk gets `--demo` (no config.json: the embedded demo center, not the set-up wizard);
// `--no-demo` leaves it out and starts no demo portal, to try the wizard on a data folder without config.json.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { preflightProblem } from './start-preflight.mjs';

const argv = process.argv.slice(2);
const noDemo = argv.includes('--no-demo');
const noPortal = argv.includes('--no-portal') || noDemo;
const noBuild = argv.includes('--no-build') && existsSync('dist/main/web-main.mjs');
const portalUrlAt = argv.findIndex((a) => a === '--portal-url');
const portalUrl = portalUrlAt >= 0 ? argv[portalUrlAt + 1] : undefined;
if (portalUrlAt >= 0 && !/^https?:\/\//.test(portalUrl ?? '')) fail('--portal-url needs the portal\'s address, e.g. --portal-url http://127.0.0.1:8787');
// The flags above are this script's; the rest go to the kiosk.
const args = argv.filter((a, i) => a !== '--no-portal' && a !== '--no-build' && a !== '--no-demo' && (portalUrlAt < 0 || (i !== portalUrlAt && i !== portalUrlAt + 1)));
// `npm start -- --provision profile.json`: apply the profile to the data folder and stop (no portal, no window, no display needed).
if (args.includes('--provision')) {
  const build = noBuild ? { status: 0 } : spawnSync(process.execPath, ['scripts/build.mjs'], { stdio: ['ignore', 'inherit', 'inherit'] });
  if (build.status !== 0) process.exit(build.status ?? 1);
  const run = spawnSync(process.execPath, ['dist/main/web-main.mjs', ...args.filter((a) => a !== '--web')], { stdio: 'inherit' });
  process.exit(run.status ?? 1);
}

if (!noDemo && !args.includes('--demo')) args.push('--demo');

const electronBinary = findElectronBinary();
const wantWeb = args.includes('--web');
const web = wantWeb || !electronBinary;
const dataDir = kioskDataDir(args);
const problem = await preflightProblem({
  dataDir,
  web,
  open: !args.includes('--no-open'),
  port: portFlag(args),
  env: process.env,
  platform: process.platform,
});
if (problem) fail(problem);

if (!noBuild) {
  const build = spawnSync(process.execPath, ['scripts/build.mjs'], { stdio: ['ignore', 'inherit', 'inherit'] });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

let command;
let commandArgs;
if (!web) {
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
const portal = noPortal || portalUrl ? null : await startDemoPortal(dataDir);
if (!noDemo) pointKioskAt(dataDir, portal?.url ?? portalUrl ?? null, portalUrl !== undefined);
const child = spawn(command, commandArgs, { stdio: 'inherit' });
// Forwarded for a signal sent to this process alone; a signal sent to the whole group reaches the
// kiosk twice (directly and from here), and the kiosk stops once either way (src-main/app/stop-signals.ts).
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => {
  portal?.process.kill('SIGTERM');
  process.exit(code ?? (signal ? 1 : 0));
});

/** One plain line and a non-zero exit: what is wrong and what to do. */
function fail(message) {
  process.stderr.write(`npm start: ${message}\n`);
  process.exit(1);
}

/** `--port N` / `--port=N` as the kiosk will read it; anything else is the kiosk's to reject. */
function portFlag(argv) {
  const i = argv.findIndex((a) => a === '--port' || a.startsWith('--port='));
  if (i < 0) return 0;
  const n = Number(argv[i].includes('=') ? argv[i].slice('--port='.length) : argv[i + 1]);
  return Number.isInteger(n) && n > 0 && n <= 65535 ? n : 0;
}

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
 * configured (not one this script wrote) is never replaced, except by an explicit --portal-url.
 */
function pointKioskAt(kioskDir, url, explicit) {
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
  if (current !== null && current !== ours && !explicit) {
    if (url) process.stderr.write(`config.json names a portal (${current}); the kiosk syncs to it, not to the demo portal.\n`);
    return;
  }
  // `npm run portal` accepts the demo token unless started with --enrollment-token: keep one set in config.json.
  const token = explicit ? (config?.sync?.enrollmentToken ?? 'demo-enrollment-token') : 'demo-enrollment-token';
  config.sync = { ...config.sync, portalUrl: url, ...(url ? { enrollmentToken: token } : {}) };
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
