// The bench's baseline server (sync.drain_ratio): appends each request body to one file at the
// place its Content-Length reserves (no hash, no fsync, no store) and answers `{}`. One file, not
// one per body: on the bench's VM, creating 3,000 files cost 3.2–3.6 s of system time one hour
// and a third of that another, so the baseline (and the ratio) moved with the machine's state
// rather than with the sync code (decision 0018, fifth pass). The portal also appends to
// shared pack files. Its own process, like the portal's.
// Argv: <folder>. Prints SINK_URL=<url> when listening; SIGTERM closes it.
import { mkdirSync, openSync, write } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

const folder = process.argv[2] ?? '';
mkdirSync(folder, { recursive: true });
const fd = openSync(join(folder, 'bodies.bin'), 'w');
let end = 0;
const server = createServer((req, res) => {
  const length = Number(req.headers['content-length']);
  if (!Number.isSafeInteger(length) || length < 0) {
    res.writeHead(411).end('{}');
    req.resume();
    return;
  }
  let at = end;
  end += length;
  let writing = 0;
  let ended = false;
  let failed = false;
  const answer = () => {
    if (ended && writing === 0) res.writeHead(failed ? 500 : 200).end('{}');
  };
  req.on('data', (chunk: Buffer) => {
    writing += 1;
    write(fd, chunk, 0, chunk.length, at, (error) => {
      failed ||= error !== null;
      writing -= 1;
      answer();
    });
    at += chunk.length;
  });
  req.on('end', () => {
    ended = true;
    answer();
  });
});
server.listen(0, '127.0.0.1', () => process.stdout.write(`SINK_URL=http://127.0.0.1:${(server.address() as AddressInfo).port}/\n`));
process.once('SIGTERM', () => server.close(() => process.exit(0)));
