// The bench's baseline client (sync.drain_ratio): POSTs each file to the plain sink, one request
// per file, `concurrency` at a time, with the kiosk's HTTP client (undici's request()), and prints
// PLAIN_MS=<ms> from the first request to the last answer. Its own fresh process each round:
// run in the bench's process after a drain, the same upload cost twice the client CPU (V8's
// collector, tuned by the drain's allocations, then ran ~1 s per 3,000 reads; decision 0018,
// sixth pass), which flattered the ratio.
// Argv: <sink url> <concurrency> <file listing the paths, one per line>.
import { readFileSync } from 'node:fs';
import { Agent, request } from 'undici';

const [url = '', concurrencyArg = '4', listFile = ''] = process.argv.slice(2);
const concurrency = Number(concurrencyArg);
const paths = readFileSync(listFile, 'utf8').split('\n').filter(Boolean);
const http = new Agent({ connections: concurrency });
let next = 0;
const started = performance.now();
await Promise.all(
  Array.from({ length: concurrency }, async () => {
    while (next < paths.length) {
      const body = readFileSync(paths[next++] ?? '');
      const res = await request(url, { method: 'POST', body, headers: { 'content-type': 'application/octet-stream' }, dispatcher: http });
      await res.body.text();
      if (res.statusCode !== 200) throw new Error(`the plain sink answered ${res.statusCode}`);
    }
  }),
);
const ms = performance.now() - started;
await http.close();
process.stdout.write(`PLAIN_MS=${Math.round(ms)}\n`);
