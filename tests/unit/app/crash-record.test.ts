import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CrashAlert } from '../../../src-main/app/crash-alert';
import { CRASH_LIMIT, CRASH_WINDOW_MS } from '../../../src-main/app/crash-policy';
import { CrashRecord } from '../../../src-main/app/crash-record';
import type { KioskCore } from '../../../src-main/app/composition-root';
import { createKioskCore } from '../../../src-main/app/composition-root';
import { EventBus } from '../../../src-main/kernel/event-bus';
import { createMemoryLogger } from '../../../src-main/kernel/logger';
import { VirtualPrinter } from '../../../src-main/devices/virtual/virtual-printer';
import { StaffAlerts } from '../../../src-main/staff/staff-alerts';
import { AlertSourceSchema, type StaffAlert } from '../../../src-shared/staff';
import { KioskAlertReasonSchema } from '../../../src-shared/reasons';
import en from '../../../src-renderer/i18n/en.json';
import vi from '../../../src-renderer/i18n/vi.json';
import { demoConfig } from '../../fakes/demo-config';
import { FixedClock } from '../../fakes/fixed-clock';
import { dispatchAsStaff } from '../../fakes/staff-session';
import { useTempDirs } from '../../fakes/temp-dir';

const tempDir = useTempDirs();
const cores: KioskCore[] = [];
afterEach(async () => {
  for (const core of cores.splice(0)) await core.close();
});

/** One Electron run on `dataDir`, as main.ts starts it: its own CrashRecord (nothing shared in memory). */
function run(dataDir: string, clock: FixedClock) {
  const logger = createMemoryLogger();
  const crashes = new CrashRecord(dataDir, clock, logger);
  const decision = crashes.leftByLastRun() ? crashes.note('main process') : 'clean start';
  crashes.markRunning();
  return { crashes, decision, logger };
}

describe('CrashRecord', () => {
  it(`counts main-process crashes across relaunches through the data folder: the ${CRASH_LIMIT}rd within 10 minutes is out of service`, () => {
    const dataDir = tempDir();
    const clock = new FixedClock(new Date('2026-12-06T01:00:00Z'));
    expect(run(dataDir, clock).decision).toBe('clean start');
    // Each run dies without closing (no markStopped): the next finds the marker.
    clock.advance(60_000);
    expect(run(dataDir, clock).decision).toBe('relaunch');
    clock.advance(4 * 60_000);
    expect(run(dataDir, clock).decision).toBe('relaunch');
    clock.advance(4 * 60_000);
    const third = run(dataDir, clock);
    expect(third.decision).toBe('out-of-service');
    expect(third.crashes.outOfService()).toEqual({ since: '2026-12-06T01:09:00.000Z', crashes: 3, what: 'main process' });
    expect(third.logger.lines.filter((l) => l.fields['event'] === 'kiosk.out_of_service').map((l) => l.fields)).toEqual([
      { event: 'kiosk.out_of_service', what: 'main process', crashes: 3, windowMinutes: 10 },
    ]);
    expect(JSON.parse(readFileSync(join(dataDir, 'crash-history.json'), 'utf8'))).toHaveLength(3);
  });

  it('a clean stop is not a crash, and crashes spread over more than the window never add up', () => {
    const dataDir = tempDir();
    const clock = new FixedClock(new Date('2026-12-06T01:00:00Z'));
    const first = run(dataDir, clock);
    first.crashes.markStopped();
    expect(run(dataDir, clock).decision).toBe('clean start');
    for (let i = 0; i < 5; i += 1) {
      clock.advance(CRASH_WINDOW_MS / 2 + 1);
      expect(run(dataDir, clock).decision).toBe('relaunch');
    }
    expect(existsSync(join(dataDir, 'out-of-service.json'))).toBe(false);
  });

  it('reads a damaged mark as none, and keeps working when the data folder cannot be written', () => {
    const dataDir = tempDir();
    const clock = new FixedClock(new Date('2026-12-06T01:00:00Z'));
    const { crashes } = run(dataDir, clock);
    for (const damaged of ['{', '[]', '{"since":"x","crashes":0,"what":"main process"}']) {
      writeFileSync(join(dataDir, 'out-of-service.json'), damaged);
      expect(crashes.outOfService()).toBeNull();
    }
    const logger = createMemoryLogger();
    const nowhere = new CrashRecord(join(dataDir, 'missing', 'folder'), clock, logger);
    nowhere.markRunning();
    expect(nowhere.note('GPU process')).toBe('relaunch');
    expect(logger.lines.filter((l) => l.level === 'warn').map((l) => l.message)).toContain('crash record: run marker failed');
  });
});

describe('the crash staff alert', () => {
  it('is raised by the next start\'s core when the last run went out of service, with the count and the local time', async () => {
    const dataDir = tempDir();
    const clock = new FixedClock(new Date('2026-12-06T01:00:00Z'));
    let last = run(dataDir, clock);
    for (let i = 0; i < CRASH_LIMIT; i += 1) {
      clock.advance(60_000);
      last = run(dataDir, clock);
    }
    expect(last.decision).toBe('out-of-service');
    // Staff restart the kiosk from its out-of-service page (a clean stop), later.
    last.crashes.markStopped();
    clock.advance(30 * 60_000);
    const after = new CrashRecord(dataDir, clock, createMemoryLogger());
    const core = await createKioskCore({ dataDir, config: demoConfig(), host: 'electron', version: 'test', clock, logger: createMemoryLogger(), printer: new VirtualPrinter(576, join(dataDir, 'prints'), clock), crashes: after });
    cores.push(core);
    const listed = await dispatchAsStaff(core, 'listStaffAlerts');
    if (!listed.ok) throw new Error(listed.error.message);
    const alerts = (listed.value as StaffAlert[]).filter((a) => a.source === 'crash');
    expect(alerts).toEqual([
      expect.objectContaining({ source: 'crash', reason: 'kiosk_out_of_service', params: { crashes: 3, since: '08:03 06/12/2026', minutes: 10 }, resolvedAt: null }),
    ]);
    expect(alerts[0]?.detail).toContain('main process crashed 3 times within 10 minutes');
    const badge = await core.dispatcher.dispatch('getStaffAlertBadge', {});
    expect(badge).toEqual({ ok: true, value: { open: expect.any(Number) as number } });
    expect(badge.ok && (badge.value as { open: number }).open).toBeGreaterThanOrEqual(1);
  });

  it('is raised at once by a running core (GPU crashes) and pushed to the renderer as an event', async () => {
    const dataDir = tempDir();
    const clock = new FixedClock(new Date('2026-12-06T01:00:00Z'));
    const core = await createKioskCore({ dataDir, config: demoConfig(), host: 'electron', version: 'test', clock, logger: createMemoryLogger(), printer: new VirtualPrinter(576, join(dataDir, 'prints'), clock), crashes: new CrashRecord(dataDir, clock, createMemoryLogger()) });
    cores.push(core);
    const pushed: unknown[] = [];
    core.events.subscribe((event, payload) => {
      if (event === 'staffAlert') pushed.push(payload);
    });
    core.reportOutOfService({ since: '2026-12-06T01:00:00.000Z', crashes: 3, what: 'GPU process' });
    await Promise.resolve();
    expect(pushed).toEqual([expect.objectContaining({ source: 'crash', reason: 'kiosk_out_of_service', params: { crashes: 3, since: '08:00 06/12/2026', minutes: 10 } })]);
  });

  it('is resolved, and the mark removed, once the kiosk has run a whole window without crashing', async () => {
    const dataDir = tempDir();
    const clock = new FixedClock(new Date('2026-12-06T01:00:00Z'));
    const record = new CrashRecord(dataDir, clock, createMemoryLogger());
    writeFileSync(join(dataDir, 'out-of-service.json'), JSON.stringify({ since: '2026-12-06T00:55:00.000Z', crashes: 3, what: 'main process' }));
    const alerts = new StaffAlerts(new EventBus(), clock);
    const alert = new CrashAlert(alerts, record, 'Asia/Ho_Chi_Minh', 50);
    alert.start();
    expect(alerts.isOpen('crash')).toBe(true);
    await new Promise((r) => setTimeout(r, 120));
    expect(alerts.isOpen('crash')).toBe(false);
    expect(record.outOfService()).toBeNull();
    expect(alerts.list().filter((a) => a.source === 'crash')).toEqual([expect.objectContaining({ resolvedAt: expect.any(String) as string })]);
    alert.close();
    alerts.close();
  });

  it('has words for every alert source and kiosk reason in Vietnamese and English', () => {
    const languages: { staff: { alertSources: Record<string, string> }; reasons: { alert: Record<string, string> } }[] = [vi, en];
    for (const words of languages) {
      for (const source of AlertSourceSchema.options) expect(words.staff.alertSources[source], source).toEqual(expect.any(String));
      for (const reason of KioskAlertReasonSchema.options) expect(words.reasons.alert[reason], reason).toEqual(expect.any(String));
    }
    expect(vi.reasons.alert.kiosk_out_of_service).toContain('{{crashes}}');
  });
});
