import { afterEach, describe, expect, it } from 'vitest';
import type { KioskCore } from '../../../src-main/app/composition-root';
import { KioskUpdater } from '../../../src-main/update/kiosk-updater';
import { EMPTY_UPDATE_HISTORY, type UpdateHistory } from '../../../src-main/update/update-history';
import { DiagnosticsSchema } from '../../../src-shared/diagnostics';
import { dispatchAsStaff } from '../../fakes/staff-session';
import { useTempDirs } from '../../fakes/temp-dir';
import { createTestCore } from '../../fakes/test-core';

const tempDir = useTempDirs();
const cores: KioskCore[] = [];
afterEach(async () => {
  for (const core of cores.splice(0)) await core.close();
});

describe('update failures on the IT diagnostics screen', () => {
  it('an updater logging through the core\'s logger shows update.failed among the last events', async () => {
    const { core, clock } = await createTestCore(tempDir());
    cores.push(core);
    let history: UpdateHistory = EMPTY_UPDATE_HISTORY;
    const sha512 = `${'A'.repeat(86)}==`;
    const updater = new KioskUpdater({
      feed: () => Promise.resolve({ version: '1.1.0', files: [{ url: 'Mot-Cua-Kiosk-1.1.0.AppImage', sha512, size: 10 }] }),
      installer: { download: () => Promise.reject(new Error('sha512 checksum mismatch')), install: () => undefined },
      history: { read: () => history, write: (h) => (history = h) },
      idle: () => core.isIdle(),
      runningVersion: '1.0.0',
      bucket: 5,
      clock,
      logger: core.logger,
    });
    await updater.check();
    await updater.downloadSettled;
    const reply = await dispatchAsStaff(core, 'getDiagnostics');
    if (!reply.ok) throw new Error(reply.error.message);
    const events = DiagnosticsSchema.parse(reply.value).events.filter((e) => e.event.startsWith('update.'));
    expect(events.map((e) => [e.event, e.level, e.fields['reason'] ?? e.fields['kind'] ?? null])).toEqual([
      ['update.failed', 'error', 'download-failed'],
      ['update.decision', 'info', 'download'],
    ]);
    expect(events[0]?.fields).toMatchObject({ version: '1.1.0', failures: 1, running: '1.0.0', error: 'sha512 checksum mismatch' });
  });
});
