import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import type BetterSqlite3 from 'better-sqlite3';
import { createMemoryLogger } from '../../../src-main/kernel/logger';
import { enqueueJob, HELD } from '../../../src-main/outbox/outbox-repository';
import { failed, finished, rateLimited, retry, type JobOutcome } from '../../../src-main/outbox/job-outcome';
import { LinkMonitor } from '../../../src-main/sync/link-state';
import { OutboxWorker, type JobHandler } from '../../../src-main/outbox/outbox-worker';
import { PortalClient } from '../../../src-main/sync/portal-client';
import { outcomeOf } from '../../../src-main/sync/portal-error';
import { MemoryCredentialStore } from '../../fakes/memory-credential-store';
import { realWait, type Wait } from '../../../src-main/outbox/wait';
import { FixedClock } from '../../fakes/fixed-clock';
import { useTempDirs } from '../../fakes/temp-dir';
import { openSyncDb } from '../sync/sync-db';

const tempDir = useTempDirs();
const start = new Date('2026-11-23T02:00:00Z');

/** Simulated time: a wait moves the clock forward instead of sleeping, and ends the run at `until`. */
function simulation(clock: FixedClock, until: number, stop: AbortController, done: () => boolean = () => false): Wait {
  return async (ms, signal) => {
    await new Promise((r) => setImmediate(r));
    if (done()) stop.abort();
    if (signal.aborted) return;
    clock.advance(Math.max(1, ms));
    if (clock.now().getTime() >= until) stop.abort();
  };
}

function enqueue(db: BetterSqlite3.Database, n: number, payload: unknown = { n: 1 }, kind = 'test') {
  for (let i = 0; i < n; i++) {
    enqueueJob(db, { kind, subjectId: `s${i}`, idempotencyKey: `${kind}-${i}-${Math.random()}`, payload, now: start.toISOString() });
  }
}

function rows(db: BetterSqlite3.Database) {
  return db.prepare(`SELECT * FROM outbox_jobs ORDER BY id`).all() as {
    id: number;
    kind: string;
    state: string;
    attempts: number;
    last_error: string | null;
    parked_reason: string | null;
    next_attempt_at: string;
  }[];
}

function worker(db: BetterSqlite3.Database, clock: FixedClock, handlers: Record<string, JobHandler>, wait: Wait, concurrency = 4) {
  const link = new LinkMonitor(() => clock.now().getTime());
  const w = new OutboxWorker({
    db,
    handlers,
    clock,
    random: () => 0.5,
    wait,
    logger: createMemoryLogger(),
    link,
    options: { concurrency, idlePollMs: 1000 },
  });
  return { w, link };
}

describe('outbox worker', () => {
  it('delivers every due job once with at most `concurrency` in flight', async () => {
    const db = openSyncDb(tempDir());
    enqueue(db, 25);
    const clock = new FixedClock(start);
    const stop = new AbortController();
    let inFlight = 0;
    let peak = 0;
    const calls = new Map<number, number>();
    const handler: JobHandler = async (job) => {
      calls.set(job.id, (calls.get(job.id) ?? 0) + 1);
      inFlight++;
      peak = Math.max(peak, inFlight);
      await new Promise((r) => setImmediate(r));
      inFlight--;
      return finished;
    };
    const { w } = worker(db, clock, { test: handler }, simulation(clock, start.getTime() + 3_600_000, stop, () => calls.size === 25 && inFlight === 0), 3);
    await w.start(stop.signal);
    expect(rows(db).every((r) => r.state === 'done' && r.attempts === 1)).toBe(true);
    expect([...calls.values()].every((c) => c === 1)).toBe(true);
    expect(calls.size).toBe(25);
    expect(peak).toBe(3);
  });

  it('parks a job that can never succeed with its reason, and a corrupt payload instead of crash-looping', async () => {
    const db = openSyncDb(tempDir());
    enqueue(db, 1, { bad: true }, 'reject');
    enqueue(db, 1, { n: 1 }, 'test');
    db.prepare(`UPDATE outbox_jobs SET payload = '{not json' WHERE kind = 'test'`).run();
    enqueue(db, 1, {}, 'unknown-kind');
    const clock = new FixedClock(start);
    const stop = new AbortController();
    let called = 0;
    const { w } = worker(
      db,
      clock,
      {
        reject: async () => failed('portal_refused', 'HTTP 422 unknown_procedure: no such procedure'),
        test: async () => {
          called++;
          return finished;
        },
      },
      simulation(clock, start.getTime() + 10 * 60_000, stop),
    );
    await w.start(stop.signal);
    const [rejected, corrupt, unknown] = rows(db);
    expect(rejected).toMatchObject({ state: 'parked', attempts: 1, parked_reason: '[portal_refused] HTTP 422 unknown_procedure: no such procedure' });
    expect(corrupt?.state).toBe('parked');
    expect(corrupt?.parked_reason).toMatch(/^\[record_unreadable\] Corrupt payload/);
    expect(corrupt?.attempts).toBe(1);
    expect(unknown?.parked_reason).toMatch(/^\[unknown_kind\] No handler for outbox kind "unknown-kind"/);
    expect(called).toBe(0);
  });

  it('retries with growing, capped backoff and honours Retry-After', async () => {
    const db = openSyncDb(tempDir());
    enqueue(db, 1, {}, 'flaky');
    enqueue(db, 1, {}, 'slow');
    const clock = new FixedClock(start);
    const stop = new AbortController();
    const flakyTimes: number[] = [];
    const slowTimes: number[] = [];
    const { w } = worker(
      db,
      clock,
      {
        flaky: async () => {
          flakyTimes.push(clock.now().getTime() - start.getTime());
          return flakyTimes.length < 6 ? retry('HTTP 500') : finished;
        },
        slow: async () => {
          slowTimes.push(clock.now().getTime() - start.getTime());
          return slowTimes.length < 2 ? rateLimited('HTTP 429', 120_000) : finished;
        },
      },
      simulation(clock, start.getTime() + 30 * 60_000, stop),
    );
    await w.start(stop.signal);
    expect(rows(db).map((r) => r.state)).toEqual(['done', 'done']);
    const gaps = flakyTimes.slice(1).map((t, i) => t - (flakyTimes[i] ?? 0));
    // random() = 0.5 → 3/4 of the ceiling: 750, 1500, 3000, 6000, 12000 ms (plus the Retry-After pause).
    for (const [i, gap] of gaps.entries()) expect(gap).toBeGreaterThanOrEqual(750 * 2 ** i);
    expect((slowTimes[1] ?? 0) - (slowTimes[0] ?? 0)).toBeGreaterThanOrEqual(120_000);
    expect(rows(db)[0]?.attempts).toBe(6);
  });

  it('puts rows left running by a crash back to work at start', async () => {
    const db = openSyncDb(tempDir());
    enqueue(db, 3);
    db.prepare(`UPDATE outbox_jobs SET state = 'running', attempts = 1 WHERE id <= 2`).run();
    const clock = new FixedClock(start);
    const stop = new AbortController();
    const { w } = worker(db, clock, { test: async () => finished }, simulation(clock, start.getTime() + 5000, stop));
    await w.start(stop.signal);
    expect(rows(db).map((r) => [r.state, r.attempts])).toEqual([
      ['done', 2],
      ['done', 2],
      ['done', 1],
    ]);
  });

  it('while the portal is unreachable, sends one probe per pause: requests grow with log(outage), not with jobs × time', async () => {
    const db = openSyncDb(tempDir());
    enqueue(db, 200);
    const clock = new FixedClock(start);
    const stop = new AbortController();
    let requests = 0;
    const outageMs = 20 * 60_000;
    const { w, link } = worker(
      db,
      clock,
      {
        test: async () => {
          requests++;
          return clock.now().getTime() - start.getTime() < outageMs ? retry('ECONNREFUSED', true) : finished;
        },
      },
      simulation(clock, start.getTime() + outageMs + 60 * 60_000, stop, () => rows(db).every((r) => r.state === 'done')),
    );
    let offlineSeen = false;
    const check = setInterval(() => (offlineSeen ||= link.state() === 'offline'), 0);
    await w.start(stop.signal);
    clearInterval(check);
    // Link probes back off from 1 s to a 60 s cap: at most ~ outage / 30 s + log2(60) probes, plus the first burst.
    const bound = 4 + Math.ceil(Math.log2(60)) + Math.ceil(outageMs / 30_000);
    expect(requests - 200).toBeLessThanOrEqual(bound);
    expect(rows(db).every((r) => r.state === 'done')).toBe(true);
    expect(offlineSeen).toBe(true);
    expect(link.state()).toBe('online');
  });

  it('stops on abort and leaves an interrupted job due again, not counted as failed', async () => {
    const db = openSyncDb(tempDir());
    enqueue(db, 1);
    const clock = new FixedClock(start);
    const stop = new AbortController();
    const { w } = worker(
      db,
      clock,
      {
        test: (_job, signal) =>
          new Promise<JobOutcome>((resolve) => {
            signal.addEventListener('abort', () => resolve(retry('aborted')));
            setTimeout(() => stop.abort(), 5);
          }),
      },
      realWait,
    );
    await w.start(stop.signal);
    expect(rows(db)[0]).toMatchObject({ state: 'pending', last_error: 'interrupted by shutdown' });
  });
});

describe('outbox worker against a real dead port', () => {
  it('keeps the request rate bounded (no hot loop) while nothing listens', async () => {
    // A port that was just free: connections to it are refused.
    const port = await new Promise<number>((resolve) => {
      const s = createServer();
      s.listen(0, '127.0.0.1', () => {
        const address = s.address();
        s.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
      });
    });
    const db = openSyncDb(tempDir());
    enqueue(db, 50);
    const clock = { now: () => new Date() };
    const client = new PortalClient({ baseUrl: `http://127.0.0.1:${port}`, credentials: new MemoryCredentialStore('x'.repeat(40)), clock });
    let requests = 0;
    const link = new LinkMonitor(() => Date.now());
    const w = new OutboxWorker({
      db,
      handlers: {
        test: async () => {
          requests++;
          try {
            await client.heartbeat({ appVersion: 't', sentAt: new Date().toISOString(), devices: [], outbox: { depth: 0 } });
            return finished;
          } catch (error) {
            return outcomeOf(error);
          }
        },
      },
      clock,
      random: Math.random,
      wait: realWait,
      logger: createMemoryLogger(),
      link,
      options: { concurrency: 4, linkBackoff: { baseMs: 200, capMs: 1000 }, idlePollMs: 200 },
    });
    const stop = new AbortController();
    const started = Date.now();
    setTimeout(() => stop.abort(), 3000);
    await w.start(stop.signal);
    const seconds = (Date.now() - started) / 1000;
    // First burst (concurrency) + probes at ≥ 100, 200, 400, 500, 500 … ms apart.
    const bound = 4 + Math.ceil(seconds / 0.5) + 3;
    expect(requests).toBeGreaterThan(1);
    expect(requests).toBeLessThanOrEqual(bound);
    expect(link.state()).toBe('offline');
    expect(link.error()?.message).toMatch(/unreachable \(ECONNREFUSED\)/);
    expect(rows(db).every((r) => r.state === 'pending')).toBe(true);
  });

  it('never waits longer than its longest backoff from now: rows scheduled while the clock ran a month ahead are due once it is back, and a held row stays held', async () => {
    const db = openSyncDb(tempDir());
    enqueue(db, 4);
    enqueue(db, 1, { n: 1 }, 'held');
    db.prepare(`UPDATE outbox_jobs SET next_attempt_at = ? WHERE kind = 'held'`).run(HELD);
    const clock = new FixedClock(start);
    const stop = new AbortController();
    const tries = new Map<number, number>();
    const handler: JobHandler = async (job) => {
      const n = (tries.get(job.id) ?? 0) + 1;
      tries.set(job.id, n);
      // The first attempt jumps the clock a month forward (NTP gone wrong); every first attempt fails.
      if (tries.size === 1 && n === 1) clock.advance(30 * 86_400_000);
      await new Promise((r) => setImmediate(r));
      return n === 1 ? retry('HTTP 503 unavailable') : finished;
    };
    let back = false;
    const wait: Wait = async (ms, signal) => {
      await new Promise((r) => setImmediate(r));
      const pending = rows(db).filter((r) => r.kind === 'test');
      // Every row rescheduled by the clock a month ahead: the clock goes back, during delivery.
      if (!back && pending.every((r) => r.state === 'pending' && r.attempts === 1)) {
        back = true;
        clock.set(new Date(start.getTime() + 1_000).toISOString());
        expect(pending.every((r) => Date.parse(r.next_attempt_at) > start.getTime() + 29 * 86_400_000)).toBe(true);
      }
      if (back && pending.every((r) => r.state === 'done')) stop.abort();
      if (signal.aborted) return;
      clock.advance(Math.max(1, ms));
      if (clock.now().getTime() > start.getTime() + 30 * 60_000 && back) stop.abort();
    };
    const { w } = worker(db, clock, { test: handler, held: async () => finished }, wait);
    await w.start(stop.signal);
    expect(back).toBe(true);
    expect(rows(db).filter((r) => r.kind === 'test').map((r) => [r.state, r.attempts])).toEqual([
      ['done', 2],
      ['done', 2],
      ['done', 2],
      ['done', 2],
    ]);
    // Due again at once, not after the month: well within the longest backoff (5 minutes).
    expect(clock.now().getTime() - start.getTime()).toBeLessThan(5 * 60_000);
    expect(rows(db).find((r) => r.kind === 'held')).toMatchObject({ state: 'pending', attempts: 0 });
  });
});
