// The bench's baseline server (sync.drain_ratio): writes each request body to a file of its own,
// answers `{}`, nothing more (no hash, no fsync, no store). Its own process, like the portal's.
// Argv: <folder>. Prints SINK_URL=<url> when listening; SIGTERM closes it.
import { createWriteStream, mkdirSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';

const folder = process.argv[2] ?? '';
mkdirSync(folder, { recursive: true });
let n = 0;
const server = createServer((req, res) => {
  void pipeline(req, createWriteStream(join(folder, String(n++)))).then(() => res.end('{}'));
});
server.listen(0, '127.0.0.1', () => process.stdout.write(`SINK_URL=http://127.0.0.1:${(server.address() as AddressInfo).port}/\n`));
process.once('SIGTERM', () => server.close(() => process.exit(0)));
