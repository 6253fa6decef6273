import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DeviceHealthMonitor } from '../../../src-main/devices/device-health-monitor';
import { VirtualPrinter } from '../../../src-main/devices/virtual/virtual-printer';
import { EventBus } from '../../../src-main/kernel/event-bus';
import { LOG_EVENTS } from '../../../src-main/kernel/log-events';
import { createFileLogger } from '../../../src-main/kernel/logger';
import { failed, finished, retry } from '../../../src-main/outbox/job-outcome';
import { enqueueJob } from '../../../src-main/outbox/outbox-repository';
import { OutboxWorker, type JobHandler } from '../../../src-main/outbox/outbox-worker';
import type { Wait } from '../../../src-main/outbox/wait';
import { LinkLog } from '../../../src-main/sync/link-log';
import { LinkMonitor } from '../../../src-main/sync/link-state';
import { FixedClock } from '../../fakes/fixed-clock';
import { useTempDirs } from '../../fakes/temp-dir';
import { openSyncDb } from '../sync/sync-db';

const tempDir = useTempDirs();

interface Line {
  level: string;
  at: string;
  message: string;
  event?: string;
  [field: string]: unknown;
}

/** Every line of logs/, parsed: each must be one JSON object. */
function readLines(logDir: string): Line[] {
  return readdirSync(logDir)
    .filter((n) => n.startsWith('kiosk-'))
    .sort()
    .flatMap((n) => readFileSync(join(logDir, n), 'utf8').split('\n').filter(Boolean))
    .map((text) => JSON.parse(text) as Line);
}

const events = (lines: Line[]) => lines.filter((l) => l.event !== undefined);

describe('the JSON-lines log tells what happened (issue #21)', () => {
  it('paper out and in: warn then info with how long, from the real virtual printer through the device monitor', async () => {
    const dir = tempDir();
    const clock = new FixedClock(new Date('2026-12-06T02:00:00Z'));
    const logger = createFileLogger(join(dir, 'logs'), clock);
    const printer = new VirtualPrinter(576, join(dir, 'prints'), clock);
    const monitor = new DeviceHealthMonitor([printer], new EventBus(), 60_000, logger);

    await monitor.poll();
    printer.setState('paper-out');
    clock.advance(90_000);
    await monitor.poll();
    await monitor.poll(); // no change: no line
    clock.advance(240_000);
    printer.paperRefilled();
    await monitor.poll();
    printer.setState('offline');
    await monitor.poll();

    const seen = events(readLines(join(dir, 'logs'))).map((l) => ({ event: l.event, level: l.level, reason: l.reason, outMs: l.outMs }));
    expect(seen).toEqual([
      { event: 'device.state', level: 'info', reason: 'printer_ready', outMs: undefined },
      { event: 'printer.paper_out', level: 'warn', reason: 'printer_paper_out', outMs: undefined },
      { event: 'printer.paper_in', level: 'info', reason: 'printer_ready', outMs: 240_000 },
      { event: 'device.state', level: 'error', reason: 'printer_not_responding', outMs: undefined },
    ]);
    const paperOut = events(readLines(join(dir, 'logs'))).find((l) => l.event === 'printer.paper_out');
    expect(paperOut).toMatchObject({ device: 'printer', state: 'offline', from: 'printer_ready', message: 'printer.paper_out', at: '2026-12-06T02:01:30.000Z' });
  });

  it('link down and up with the outage duration, on a fake clock', () => {
    const dir = tempDir();
    const clock = new FixedClock(new Date('2026-12-06T02:00:00Z'));
    const logger = createFileLogger(join(dir, 'logs'), clock);
    const linkLog = new LinkLog(logger, () => clock.now().getTime());
    const link = new LinkMonitor(() => clock.now().getTime(), undefined, (state) => linkLog.observe(state));

    link.record('ok'); // first answer: up, nothing was down before
    clock.advance(60_000);
    link.record('unreachable', 'connect ECONNREFUSED 127.0.0.1:8443');
    clock.advance(150_000);
    link.record('unreachable', 'connect ECONNREFUSED 127.0.0.1:8443'); // still down: no line
    clock.advance(150_000);
    link.record('ok');

    const seen = events(readLines(join(dir, 'logs'))).map((l) => [l.event, l.level, l.downMs]);
    expect(seen).toEqual([
      ['link.up', 'info', undefined],
      ['link.down', 'warn', undefined],
      ['link.up', 'info', 300_000],
    ]);
    expect(link.error()).toMatchObject({ code: 'portal_unreachable', message: 'connect ECONNREFUSED 127.0.0.1:8443' });
  });

  it('a parked outbox row: one warn line with its code, id, kind and attempts; the row keeps code and text', async () => {
    const dir = tempDir();
    const clock = new FixedClock(new Date('2026-12-06T02:00:00Z'));
    const logger = createFileLogger(join(dir, 'logs'), clock);
    const db = openSyncDb(dir);
    enqueueJob(db, { kind: 'test', subjectId: 'a', idempotencyKey: 'k-a', payload: { n: 1 }, now: clock.now().toISOString() });
    enqueueJob(db, { kind: 'test', subjectId: 'b', idempotencyKey: 'k-b', payload: { n: 2 }, now: clock.now().toISOString() });
    const handler: JobHandler = async (job) =>
      job.subjectId === 'a' ? failed('portal_refused', 'HTTP 422 invalid_request: procedure closed') : job.attempts === 0 ? retry('HTTP 503') : finished;
    const stop = new AbortController();
    const wait: Wait = async (ms, signal) => {
      await new Promise((r) => setImmediate(r));
      if (signal.aborted) return;
      clock.advance(Math.max(1, ms));
      const left = db.prepare(`SELECT count(*) FROM outbox_jobs WHERE state IN ('pending','running')`).pluck().get() as number;
      if (left === 0 || clock.now().getTime() > Date.parse('2026-12-06T03:00:00Z')) stop.abort();
    };
    const raised: unknown[] = [];
    const worker = new OutboxWorker({
      db,
      handlers: { test: handler },
      clock,
      random: () => 0.5,
      wait,
      logger,
      link: new LinkMonitor(() => clock.now().getTime()),
      alerts: { raise: (_source, reason, more) => void raised.push({ reason, ...more }) },
      options: { concurrency: 2, idlePollMs: 1000 },
    });
    await worker.start(stop.signal);

    const parked = events(readLines(join(dir, 'logs'))).filter((l) => l.event === 'outbox.parked');
    expect(parked).toEqual([
      expect.objectContaining({ level: 'warn', kind: 'test', code: 'portal_refused', attempts: 1, detail: 'HTTP 422 invalid_request: procedure closed' }),
    ]);
    expect(raised).toEqual([{ reason: 'outbox_row_parked', params: { id: expect.any(Number), kind: 'test', code: 'portal_refused' }, detail: 'HTTP 422 invalid_request: procedure closed' }]);
    expect(db.prepare(`SELECT parked_reason FROM outbox_jobs WHERE subject_id = 'a'`).pluck().get()).toBe('[portal_refused] HTTP 422 invalid_request: procedure closed');
    db.close();
  });

  it('every line is one JSON object with level, at and message; event names are from the closed list', async () => {
    const dir = tempDir();
    const clock = new FixedClock(new Date('2026-12-06T02:00:00Z'));
    const logger = createFileLogger(join(dir, 'logs'), clock);
    const printer = new VirtualPrinter(576, join(dir, 'prints'), clock);
    const monitor = new DeviceHealthMonitor([printer], new EventBus(), 60_000, logger);
    await monitor.poll();
    printer.setState('cover-open');
    await monitor.poll();
    logger.log('debug', 'free text still works', { n: 1 });
    const lines = readLines(join(dir, 'logs'));
    expect(lines.length).toBe(3);
    for (const line of lines) {
      expect(Object.keys(line).slice(0, 2)).toEqual(['level', 'at']);
      expect(['debug', 'info', 'warn', 'error']).toContain(line.level);
      expect(typeof line.message).toBe('string');
      if (line.event !== undefined) expect(LOG_EVENTS).toContain(line.event);
    }
    // The cover is for staff to close: a warning, not an error.
    expect(lines[1]).toMatchObject({ event: 'device.state', level: 'warn', reason: 'printer_cover_open' });
  });
});
