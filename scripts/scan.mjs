// `npm run scan -- [--data-dir DIR] "<text>"`: sends a scan to a running kiosk's virtual scanner
// (printer-less demos and tests). The kiosk writes where it listens to <data dir>/virtual-scanner.json.
import { readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const { values, positionals } = parseArgs({ options: { 'data-dir': { type: 'string' } }, allowPositionals: true });
if (positionals.length !== 1) {
  process.stderr.write('usage: npm run scan -- [--data-dir DIR] "<scanned text>"\n');
  process.exit(2);
}
const dataDir = resolve(values['data-dir'] ?? defaultDataDir());
const file = join(dataDir, 'virtual-scanner.json');
let target;
try {
  target = JSON.parse(readFileSync(file, 'utf8'));
} catch {
  process.stderr.write(`No virtual scanner found: ${file} is missing.\nIs the kiosk running with that data folder and devices.scanner.driver "virtual"?\n`);
  process.exit(1);
}
const socket = connect({ host: '127.0.0.1', port: target.port });
let answer = '';
socket.setEncoding('utf8');
socket.on('connect', () => socket.write(JSON.stringify({ token: target.token, text: positionals[0] }) + '\n'));
socket.on('data', (d) => (answer += d));
socket.on('error', (e) => {
  process.stderr.write(`The kiosk did not answer on port ${target.port} (${e.code ?? e.message}). Is it still running?\n`);
  process.exit(1);
});
socket.on('end', () => {
  const result = JSON.parse(answer || '{"ok":false,"error":"no answer"}');
  if (result.ok) process.stdout.write(`scan sent (${positionals[0].length} characters)\n`);
  else process.stderr.write(`scan refused: ${result.error}\n`);
  process.exit(result.ok ? 0 : 1);
});

// Same rule as src-main/app/paths.ts defaultDataDir (this script runs without a build).
function defaultDataDir() {
  if (process.platform === 'win32') return join(process.env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'motcua-kiosk');
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'motcua-kiosk');
  return join(process.env.XDG_DATA_HOME ?? join(homedir(), '.local', 'share'), 'motcua-kiosk');
}
