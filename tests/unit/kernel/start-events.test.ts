import * as nodeFs from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { logConfigChange } from '../../../src-main/app/config-change-log';
import { logKioskStart } from '../../../src-main/app/kiosk-start-log';
import { createMemoryLogger } from '../../../src-main/kernel/logger';
import { addTerminalEvent } from '../../../src-main/report/terminal-event-repository';
import { useTempDirs } from '../../fakes/temp-dir';
import { openSyncDb } from '../sync/sync-db';

const tempDir = useTempDirs();
const eventsOf = (logger: ReturnType<typeof createMemoryLogger>) => logger.lines.map((l) => [l.level, l.fields.event ?? l.message]);

describe('start-up events (issue #21)', () => {
  it('kiosk.crash_restart only when the previous run left a state without its "stopped"', () => {
    const db = openSyncDb(tempDir());
    const first = createMemoryLogger();
    logKioskStart(first, db, { version: 't' });
    expect(eventsOf(first)).toEqual([['info', 'kiosk.start']]); // a new store: nothing ran before

    addTerminalEvent(db, 'printer', 'ok', '2026-12-06T01:00:00.000Z');
    addTerminalEvent(db, 'link', 'online', '2026-12-06T01:00:01.000Z');
    addTerminalEvent(db, 'printer', 'stopped', '2026-12-06T02:00:00.000Z');
    addTerminalEvent(db, 'link', 'stopped', '2026-12-06T02:00:00.000Z');
    const clean = createMemoryLogger();
    logKioskStart(clean, db, { version: 't' });
    expect(eventsOf(clean)).toEqual([['info', 'kiosk.start']]);

    addTerminalEvent(db, 'printer', 'ok', '2026-12-06T03:00:00.000Z');
    addTerminalEvent(db, 'printer', 'offline', '2026-12-06T03:05:00.000Z'); // then killed: no "stopped"
    const crashed = createMemoryLogger();
    logKioskStart(crashed, db, { version: 't' });
    expect(eventsOf(crashed)).toEqual([
      ['error', 'kiosk.crash_restart'],
      ['info', 'kiosk.start'],
    ]);
    expect(crashed.lines[0]?.fields).toMatchObject({ what: 'kiosk', lastSeenAt: '2026-12-06T03:05:00.000Z' });
    db.close();
  });

  it('config.change names the paths that changed since the last start, never their values', () => {
    const file = join(tempDir(), 'config-seen.json');
    const config = { center: { name: 'Trung tâm A' }, sync: { enrollmentToken: 'tok-SECRET-1', portalUrl: 'https://a' }, idle: { timeoutSeconds: 60 } };
    const first = createMemoryLogger();
    logConfigChange(first, nodeFs, file, config);
    expect(first.lines).toEqual([]); // the first start is the baseline
    const same = createMemoryLogger();
    logConfigChange(same, nodeFs, file, config);
    expect(same.lines).toEqual([]);

    const changed = createMemoryLogger();
    logConfigChange(changed, nodeFs, file, { ...config, sync: { ...config.sync, enrollmentToken: 'tok-SECRET-2' }, idle: { timeoutSeconds: 90 } });
    expect(changed.lines).toEqual([{ level: 'info', message: 'config.change', fields: { event: 'config.change', changed: ['idle.timeoutSeconds', 'sync.enrollmentToken'], count: 2 } }]);
    const kept = nodeFs.readFileSync(file, 'utf8');
    for (const secret of ['tok-SECRET-1', 'tok-SECRET-2', 'Trung tâm A', 'https://a']) expect(kept).not.toContain(secret);
    expect(nodeFs.statSync(file).mode & 0o777).toBe(0o600);
  });
});
