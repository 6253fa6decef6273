import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EventBus } from '../../../src-main/kernel/event-bus';
import { KioskError } from '../../../src-main/kernel/kiosk-error';
import { createMemoryLogger } from '../../../src-main/kernel/logger';
import { StaffAlerts } from '../../../src-main/staff/staff-alerts';
import { statfsFreeSpace, type FreeSpacePort } from '../../../src-main/storage/free-space';
import { isStorageWriteFailure } from '../../../src-main/storage/storage-failure';
import { StorageWatch } from '../../../src-main/storage/storage-watch';
import { FixedClock } from '../../fakes/fixed-clock';

const MB = 1024 * 1024;

/** A free-space port the test sets by hand; `null` makes the look fail. */
function settableSpace(initial: number | null) {
  let free = initial;
  let writable = true;
  const port: FreeSpacePort = {
    freeBytes: () => (free === null ? Promise.reject(new Error('EIO: statfs failed')) : Promise.resolve(free)),
    probeWrite: () => (writable ? Promise.resolve() : Promise.reject(Object.assign(new Error('EFBIG: file too large'), { code: 'EFBIG' }))),
  };
  return { port, set: (bytes: number | null) => (free = bytes), setWritable: (w: boolean) => (writable = w) };
}

function watchWith(space: FreeSpacePort) {
  const alerts = new StaffAlerts(new EventBus(), new FixedClock(new Date('2026-12-06T02:00:00Z')));
  const logger = createMemoryLogger();
  const watch = new StorageWatch({ space, dir: '/var/lib/kiosk', minFreeBytes: 500 * MB, alerts, logger, intervalMs: 60_000 });
  return { watch, alerts, logger };
}

async function refusal(promise: Promise<unknown>): Promise<KioskError> {
  const error: unknown = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof KioskError)) throw new Error(`expected a KioskError, got ${String(error)}`);
  return error;
}

describe('StorageWatch: the data folder nearly full', () => {
  it('under the minimum: a storage alert with the figures, scans refused in plain words; room again: resolved, scans allowed', async () => {
    const space = settableSpace(2000 * MB);
    const { watch, alerts } = watchWith(space.port);
    expect(await watch.check()).toBe('ok');
    await watch.assertRoomForScan('vi');
    expect(alerts.isOpen('storage')).toBe(false);

    space.set(499 * MB);
    const vi = await refusal(watch.assertRoomForScan('vi'));
    expect(vi.code).toBe('device_unavailable');
    expect(vi.message).toMatch(/Bộ nhớ của ki-ốt sắp đầy/);
    const en = await refusal(watch.assertRoomForScan('en'));
    expect(en.message).toMatch(/storage is almost full/);
    expect(alerts.isOpen('storage')).toBe(true);
    space.set(450 * MB);
    expect(await watch.check()).toBe('low');
    // One alert for the episode, not one per figure.
    expect(alerts.list()).toHaveLength(1);
    const [alert] = alerts.list();
    expect(alert).toMatchObject({ reason: 'disk_nearly_full', params: { freeMegabytes: 499, minFreeMegabytes: 500 }, detail: '/var/lib/kiosk' });

    space.set(500 * MB);
    expect(await watch.check()).toBe('ok');
    expect(alerts.isOpen('storage')).toBe(false);
    expect(alerts.list()[0]?.resolvedAt).not.toBeNull();
    await watch.assertRoomForScan('en');
  });

  it('a failed look keeps the last known level and says so in the log', async () => {
    const space = settableSpace(10 * MB);
    const { watch, alerts, logger } = watchWith(space.port);
    expect(await watch.check()).toBe('low');
    space.set(null);
    expect(await watch.check()).toBe('low');
    expect(alerts.isOpen('storage')).toBe(true);
    expect(logger.lines.map((l) => l.message)).toContain('free space check failed');
  });

  it('turns a write the disk refused into store_unavailable with words for the citizen; the alert stays until a probe write succeeds', async () => {
    const space = settableSpace(2000 * MB);
    const { watch, alerts } = watchWith(space.port);
    const full = Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
    const explained = watch.explain(full, 'takeTicket', 'vi');
    expect(explained).toBeInstanceOf(KioskError);
    expect((explained as KioskError).code).toBe('store_unavailable');
    expect((explained as KioskError).message).toMatch(/Bộ nhớ của ki-ốt đã đầy/);
    expect(alerts.isOpen('storage')).toBe(true);
    const other = new Error('boom');
    expect(watch.explain(other, 'takeTicket', 'en')).toBe(other);
    // statfs shows room (a file-size limit, a quota): the refused write still counts.
    space.setWritable(false);
    expect(await watch.check()).toBe('full');
    expect(alerts.isOpen('storage')).toBe(true);
    expect(await refusal(watch.assertRoomForScan('en'))).toMatchObject({ code: 'device_unavailable', message: expect.stringMatching(/storage is full/) });
    space.setWritable(true);
    expect(await watch.check()).toBe('ok');
    expect(alerts.isOpen('storage')).toBe(false);
  });

  it('keeps the plain words a service already chose, and still raises the alert', () => {
    const { watch, alerts } = watchWith(settableSpace(2000 * MB).port);
    const efbig = Object.assign(new Error('file too large'), { code: 'EFBIG' });
    const worded = new KioskError('store_unavailable', 'Hồ sơ chưa được nộp', { cause: new Error('The disk is full', { cause: efbig }) });
    expect(watch.explain(worded, 'submitDossier', 'vi')).toBe(worded);
    expect(alerts.list()[0]).toMatchObject({ reason: 'disk_full', detail: expect.stringMatching(/EFBIG: file too large/) });
  });

  it('knows the codes of a disk that took no more, and only those', () => {
    for (const code of ['ENOSPC', 'EDQUOT', 'EFBIG', 'SQLITE_FULL', 'SQLITE_IOERR_WRITE']) expect(isStorageWriteFailure({ code })).toBe(true);
    for (const code of ['SQLITE_BUSY', 'SQLITE_CONSTRAINT_UNIQUE', 'ENOENT', 'EACCES', undefined]) expect(isStorageWriteFailure({ code })).toBe(false);
    expect(isStorageWriteFailure(null)).toBe(false);
    expect(isStorageWriteFailure('ENOSPC')).toBe(false);
  });

  it('the real driver reads the free space of a real folder and probes it with a write it removes again', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kiosk-statfs-'));
    const free = await statfsFreeSpace.freeBytes(dir);
    expect(free).toBeGreaterThan(0);
    expect(Number.isSafeInteger(free)).toBe(true);
    await statfsFreeSpace.probeWrite(dir);
    expect(readdirSync(dir)).toEqual([]);
    await expect(statfsFreeSpace.probeWrite(join(dir, 'missing'))).rejects.toThrow(/ENOENT/);
  });
});
