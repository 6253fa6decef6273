// The drain's throughput parts (decision 0018): the request gate and the worker's batched store
// writes, against real sockets and a real SQLite file.
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createMemoryLogger } from '../../src-main/app/logger';
import { enqueueJob } from '../../src-main/outbox/outbox-repository';
import { finished } from '../../src-main/sync/job-outcome';
import { LinkMonitor } from '../../src-main/sync/link-state';
import { OutboxWorker, type JobHandler } from '../../src-main/sync/outbox-worker';
import { gatedFetch } from '../../src-main/sync/request-gate';
import { realWait } from '../../src-main/sync/wait';
import { useTempDirs } from '../fakes/temp-dir';
import { openKioskDb } from './harness';

const tempDir = useTempDirs();
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

/** A server that holds every request `holdMs` and counts how many it holds at once. */
async function slowServer(holdMs: number) {
  let open = 0;
  let peak = 0;
  const server = createServer((req, res) => {
    open++;
    peak = Math.max(peak, open);
    req.resume();
    setTimeout(() => {
      open--;
      res.end(JSON.stringify({ ok: true, url: req.url }));
    }, holdMs);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  closers.push(() => new Promise((r) => server.close(() => r())));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, peak: () => peak };
}

describe('request gate', () => {
  it('keeps at most `limit` exchanges open however many are asked for, and answers each its own body', async () => {
    const server = await slowServer(20);
    const gated = gatedFetch(fetch, 3);
    const answers = await Promise.all(Array.from({ length: 12 }, (_, i) => gated(`${server.url}/r${i}`).then((r) => r.json() as Promise<{ url: string }>)));
    expect(server.peak()).toBe(3);
    expect(answers.map((a) => a.url)).toEqual(Array.from({ length: 12 }, (_, i) => `/r${i}`));
  });

  it('lets a request whose signal aborts leave the queue without taking a place', async () => {
    const server = await slowServer(50);
    const gated = gatedFetch(fetch, 1);
    const first = gated(`${server.url}/a`);
    const stop = new AbortController();
    const second = gated(`${server.url}/b`, { signal: stop.signal });
    stop.abort(new Error('gave up'));
    await expect(second).rejects.toThrow('gave up');
    const third = await gated(`${server.url}/c`);
    expect(((await third.json()) as { url: string }).url).toBe('/c');
    expect((await first).status).toBe(200);
    expect(server.peak()).toBe(1);
  });

  it('refuses a limit below 1', () => {
    expect(() => gatedFetch(fetch, 0)).toThrow(/at least 1/);
  });
});

describe('outbox worker bookkeeping', () => {
  it('with outcomes written in batches, delivers every row once, and gives back rows claimed ahead when it stops', async () => {
    const db = openKioskDb(join(tempDir(), 'kiosk.sqlite3'));
    closers.push(async () => void db.close());
    const now = new Date().toISOString();
    for (let i = 0; i < 40; i++) enqueueJob(db, { kind: 'test', subjectId: `s${i}`, idempotencyKey: `k${i}`, payload: {}, now });
    const calls = new Map<number, number>();
    const stop = new AbortController();
    const handler: JobHandler = async (job) => {
      calls.set(job.id, (calls.get(job.id) ?? 0) + 1);
      await new Promise((r) => setTimeout(r, 2));
      // Stop with rows still claimed ahead: they must go back untouched.
      if (calls.size === 30) stop.abort();
      return finished;
    };
    const worker = new OutboxWorker({
      db,
      handlers: { test: handler },
      clock: { now: () => new Date() },
      random: Math.random,
      wait: realWait,
      logger: createMemoryLogger(),
      link: new LinkMonitor(() => Date.now()),
      options: { concurrency: 4, idlePollMs: 20 },
    });
    await worker.start(stop.signal);
    const rows = db.prepare(`SELECT state, attempts FROM outbox_jobs ORDER BY id`).all() as { state: string; attempts: number }[];
    const done = rows.filter((r) => r.state === 'done');
    expect(done.length).toBe(calls.size);
    expect([...calls.values()].every((n) => n === 1)).toBe(true);
    expect(done.every((r) => r.attempts === 1)).toBe(true);
    // Rows claimed ahead but never started are pending again with no attempt counted.
    const rest = rows.filter((r) => r.state !== 'done');
    expect(rest.length).toBe(40 - calls.size);
    expect(rest.every((r) => r.state === 'pending' && r.attempts === 0)).toBe(true);
  });
});
