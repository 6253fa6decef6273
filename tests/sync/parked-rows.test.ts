import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { getDossierFiles } from '../../src-main/dossier/dossier-repository';
import type { StaffAlert } from '../../src-shared/staff';
import type { ParkedRow, SyncStatus } from '../../src-shared/sync';
import { useCleanups } from '../fakes/cleanups';
import { call, startKioskCore, submitLandDossier, until } from './core-harness';
import { openKioskDb, portalHoldings, startPortal } from './harness';

const { cleanups, tempDir } = useCleanups('parked-rows-');

describe('staff and the rows set aside', () => {
  it('see a parked dossier with its code and reason, send it again once its file is mended, and it arrives once', async () => {
    const dataDir = tempDir();
    // Submitted on a kiosk with no portal: the dossier waits in the outbox.
    const offline = await startKioskCore(dataDir, null);
    const outcome = await submitLandDossier(offline);
    const dossierId = outcome.receipt.dossierId;
    await offline.close();

    // A scanned page damaged on the kiosk's disk before it could be sent.
    const db = openKioskDb(join(dataDir, 'kiosk.sqlite3'));
    const file = getDossierFiles(db, dossierId)[0];
    db.close();
    if (!file) throw new Error('the dossier has no file');
    const stored = join(dataDir, 'files', file.relative_path);
    const original = readFileSync(stored);
    const spoiled = Buffer.from(original);
    spoiled[100] = (spoiled[100] ?? 0) ^ 0xff;
    writeFileSync(stored, spoiled);

    const { server, url } = await startPortal(tempDir());
    cleanups.push(() => server.close());
    const core = await startKioskCore(dataDir, url);
    cleanups.push(() => core.close());
    const parked = await until('the dossier parked', async () => {
      const rows = await call<ParkedRow[]>(core, 'listParkedRows');
      return rows.length > 0 ? rows : undefined;
    });
    expect(parked).toHaveLength(1);
    expect(parked[0]).toMatchObject({ kind: 'dossier', dossierCode: outcome.receipt.code });
    expect(parked[0]).toMatchObject({ reason: 'file_damaged', detail: expect.stringContaining('is damaged') });
    expect((await call<SyncStatus>(core, 'getSyncStatus')).parked).toBe(1);
    expect(portalHoldings(server).dossiers).toEqual([]);
    // Staff are alerted (the 'outbox' source), with the reason.
    const outboxAlerts = async () => (await call<StaffAlert[]>(core, 'listStaffAlerts')).filter((a) => a.source === 'outbox');
    expect((await outboxAlerts()).filter((a) => a.resolvedAt === null).map((a) => [a.reason, a.detail])).toEqual([['outbox_row_parked', expect.stringContaining('is damaged')]]);

    // Sending it again unmended parks it again: the cause is still there.
    const id = parked[0]?.id ?? 0;
    expect(await call(core, 'retryParkedRow', { id })).toEqual({ requeued: true });
    await until('parked again', async () => ((await call<ParkedRow[]>(core, 'listParkedRows')).length === 1 ? true : undefined));

    // Staff put the page back (a rescan would too) and send it again: it arrives, once.
    writeFileSync(stored, original);
    expect(await call(core, 'retryParkedRow', { id })).toEqual({ requeued: true });
    await until('the dossier on the portal', () => (portalHoldings(server).dossiers.some((d) => d.id === dossierId) ? true : undefined));
    await until('nothing set aside', async () => ((await call<SyncStatus>(core, 'getSyncStatus')).parked === 0 ? true : undefined));
    expect(await call<ParkedRow[]>(core, 'listParkedRows')).toEqual([]);
    // Nothing set aside any more: no open outbox alert.
    expect((await outboxAlerts()).filter((a) => a.resolvedAt === null)).toEqual([]);
    expect(portalHoldings(server).dossiers.filter((d) => d.id === dossierId)).toHaveLength(1);
    // A row no longer parked is not sent again; a request that is not a row id is refused.
    expect(await call(core, 'retryParkedRow', { id })).toEqual({ requeued: false });
    await expect(call(core, 'retryParkedRow', { id: 'x' })).rejects.toThrow(/^retryParkedRow: invalid_request/);

    await core.close();
    const check = openKioskDb(join(dataDir, 'kiosk.sqlite3'));
    const audit = check.prepare(`SELECT actor, action, subject FROM audit_log WHERE action = 'outbox_row_requeued'`).all();
    check.close();
    expect(audit).toEqual([
      { actor: 'staff', action: 'outbox_row_requeued', subject: String(id) },
      { actor: 'staff', action: 'outbox_row_requeued', subject: String(id) },
    ]);
  });
});
