import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../../src-main/kernel/clock';
import { createKioskCore, type KioskCore } from '../../../src-main/app/composition-root';
import { createMemoryLogger } from '../../../src-main/kernel/logger';
import { VirtualPrinter } from '../../../src-main/devices/virtual/virtual-printer';
import type { FreeSpacePort } from '../../../src-main/storage/free-space';
import type { Reply } from '../../../src-shared/errors';
import type { StaffAlert } from '../../../src-shared/staff';
import { demoConfig } from '../../fakes/demo-config';
import { pagePng } from '../dossier/fixture';
import { dispatchAsStaff } from '../../fakes/staff-session';

const MB = 1024 * 1024;
const cores: KioskCore[] = [];
afterEach(async () => {
  for (const core of cores.splice(0)) await core.close();
});

/** A whole core on a real temp folder whose free space the test decides. */
async function coreWithFreeSpace(initialMb: number) {
  let free = initialMb * MB;
  const freeSpace: FreeSpacePort = { freeBytes: () => Promise.resolve(free), probeWrite: () => Promise.resolve() };
  const dataDir = mkdtempSync(join(tmpdir(), 'kiosk-lowspace-'));
  const core = await createKioskCore({
    dataDir,
    config: demoConfig({ storage: { minFreeMegabytes: 300, checkSeconds: 1 } }),
    host: 'web',
    version: 'test',
    clock: systemClock,
    logger: createMemoryLogger(),
    printer: new VirtualPrinter(576, join(dataDir, 'prints'), systemClock),
    freeSpace,
  });
  cores.push(core);
  const reply = <T>(method: string, request: unknown) => core.dispatcher.dispatch(method, request) as Promise<Reply<T>>;
  const value = async <T>(method: string, request: unknown): Promise<T> => {
    const r = await reply<T>(method, request);
    if (!r.ok) throw new Error(`${method}: ${r.error.code}: ${r.error.message}`);
    return r.value;
  };
  const storageAlert = async () => {
    const r = await dispatchAsStaff(core, 'listStaffAlerts');
    if (!r.ok) throw new Error(`listStaffAlerts: ${r.error.code}: ${r.error.message}`);
    return (r.value as StaffAlert[]).find((a) => a.source === 'storage');
  };
  const until = async (what: () => Promise<boolean>) => {
    for (let i = 0; i < 60 && !(await what()); i++) await new Promise((r) => setTimeout(r, 50));
    expect(await what()).toBe(true);
  };
  return { dataDir, reply, value, storageAlert, until, setFreeMb: (mb: number) => (free = mb * MB) };
}

describe('the data folder nearly full, through the whole core', () => {
  it('a staff alert on the periodic check, scanning refused before the disk fills; both lifted when room is back', async () => {
    const kiosk = await coreWithFreeSpace(5000);
    const { sessionId } = await kiosk.value<{ sessionId: string }>('beginDossier', { procedureCode: '1.013831' });
    await kiosk.value('scanDocumentPages', { sessionId, documentId: 'don-dang-ky-bien-dong' });
    expect(await kiosk.storageAlert()).toBeUndefined();

    // No citizen action: the periodic look finds the disk nearly full and tells staff.
    kiosk.setFreeMb(120);
    await kiosk.until(async () => (await kiosk.storageAlert())?.resolvedAt === null);
    expect(await kiosk.storageAlert()).toMatchObject({ reason: 'disk_nearly_full', params: { freeMegabytes: 120, minFreeMegabytes: 300 } });

    const staged = () => readdirSync(join(kiosk.dataDir, 'files', 'staging', sessionId)).length;
    const before = staged();
    const scan = await kiosk.reply('scanDocumentPages', { sessionId, documentId: 'hop-dong-chuyen-quyen', language: 'vi' });
    expect(scan).toEqual({ ok: false, error: { code: 'device_unavailable', message: expect.stringMatching(/Bộ nhớ của ki-ốt sắp đầy.*nộp bản giấy tại quầy/) } });
    const scanEn = await kiosk.reply('scanDocumentPages', { sessionId, documentId: 'hop-dong-chuyen-quyen', language: 'en' });
    expect(scanEn.ok ? '' : scanEn.error.message).toMatch(/storage is almost full/);
    const page = await kiosk.reply('stageScannedPage', { sessionId, mediaType: 'image/png', dataBase64: Buffer.from(pagePng('p')).toString('base64') });
    expect(page.ok ? '' : page.error.code).toBe('device_unavailable');
    expect(staged()).toBe(before);

    // The checklist step still works: nothing but the large writes is refused.
    expect((await kiosk.reply('getProcedure', { code: '1.013831' })).ok).toBe(true);

    kiosk.setFreeMb(900);
    await kiosk.until(async () => typeof (await kiosk.storageAlert())?.resolvedAt === 'string');
    await kiosk.value('scanDocumentPages', { sessionId, documentId: 'hop-dong-chuyen-quyen' });
    expect(staged()).toBeGreaterThan(before);
    expect(existsSync(join(kiosk.dataDir, 'kiosk.sqlite3'))).toBe(true);
  });

  it('a scan right after the disk filled is refused even before the periodic look ran', async () => {
    const kiosk = await coreWithFreeSpace(5000);
    const { sessionId } = await kiosk.value<{ sessionId: string }>('beginDossier', { procedureCode: '1.013831' });
    kiosk.setFreeMb(10);
    const scan = await kiosk.reply('scanDocumentPages', { sessionId, documentId: 'don-dang-ky-bien-dong', language: 'en' });
    expect(scan.ok ? '' : scan.error.code).toBe('device_unavailable');
    expect((await kiosk.storageAlert())?.resolvedAt).toBeNull();
  });
});
