// `npm start`: Electron where its binary is installed, else the browser host with system Chromium.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

const args = process.argv.slice(2);
const build = spawnSync(process.execPath, ['scripts/build.mjs'], { stdio: ['ignore', 'inherit', 'inherit'] });
if (build.status !== 0) process.exit(build.status ?? 1);

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
const child = spawn(command, commandArgs, { stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => process.exit(code ?? 1));

function findElectronBinary() {
  try {
    // In plain Node the electron package exports the path of its binary.
    const path = createRequire(import.meta.url)('electron');
    return typeof path === 'string' && existsSync(path) ? path : undefined;
  } catch {
    return undefined;
  }
}
