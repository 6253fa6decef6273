import BetterSqlite3 from 'better-sqlite3';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { KioskCore } from '../../../src-main/app/composition-root';
import type { VirtualScanner } from '../../../src-main/devices/scanner/virtual-scanner';
import { listAuditEntries } from '../../../src-main/staff/staff-access-repository';
import { createTestCore } from '../../fakes/test-core';
import { FixedClock } from '../../fakes/fixed-clock';
import { useTempDirs } from '../../fakes/temp-dir';

const IT_PIN = '90817263';
const STAFF_PIN = '445566';
const START = '2026-11-23T02:00:00.000Z';

async function value<T>(core: KioskCore, method: string, request: object = {}): Promise<T> {
  const reply = await core.dispatcher.dispatch(method, request);
  if (!reply.ok) throw new Error(`${method}: ${reply.error.code} ${reply.error.message}`);
  return reply.value as T;
}

type Login = { outcome: 'granted'; role: string; session: string } | { outcome: 'wrong'; attemptsLeft: number } | { outcome: 'locked'; lockedUntil: string };

async function provisioned(dir: string, clock = new FixedClock(new Date(START))) {
  const test = await createTestCore(dir, clock);
  const it = await value<{ session: string }>(test.core, 'setupFirstItPin', { pin: IT_PIN });
  await value(test.core, 'setStaffPin', { session: it.session, pin: STAFF_PIN });
  return test;
}

const audit = (dir: string) => {
  const db = new BetterSqlite3(join(dir, 'kiosk.sqlite3'), { readonly: true });
  try {
    return listAuditEntries(db);
  } finally {
    db.close();
  }
};

describe('staff and IT access in main', () => {
  const tempDir = useTempDirs();

  it('a fresh terminal has no PIN; the first IT PIN is set once, 6+ digits only, and the staff PIN must differ', async () => {
    const { core } = await createTestCore(tempDir());
    expect(await value(core, 'getStaffAccess')).toEqual({ itPinSet: false, staffPinSet: false, lockedUntil: null });
    for (const [pin, message] of [['12345', /at least 6 digits/], ['12a456', /digits only/], ['', /digits only/]] as const) {
      const reply = await core.dispatcher.dispatch('setupFirstItPin', { pin });
      expect(reply).toMatchObject({ ok: false, error: { code: 'invalid_request', message } });
    }
    const it = await value<{ role: string; session: string }>(core, 'setupFirstItPin', { pin: IT_PIN });
    expect(it.role).toBe('it');
    expect(it.session).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await core.dispatcher.dispatch('setupFirstItPin', { pin: '111111' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await core.dispatcher.dispatch('setStaffPin', { session: it.session, pin: IT_PIN })).toMatchObject({
      ok: false,
      error: { code: 'invalid_request', message: /must differ/ },
    });
    await value(core, 'setStaffPin', { session: it.session, pin: STAFF_PIN });
    expect(await value(core, 'getStaffAccess')).toEqual({ itPinSet: true, staffPinSet: true, lockedUntil: null });

    const staff = await value<Login>(core, 'loginStaff', { pin: STAFF_PIN });
    expect(staff).toMatchObject({ outcome: 'granted', role: 'staff' });
    const session = staff.outcome === 'granted' ? staff.session : '';
    // Staff may not set PINs; IT may.
    expect(await core.dispatcher.dispatch('setStaffPin', { session, pin: '777777' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await core.dispatcher.dispatch('getDeviceStatus', { session })).toMatchObject({ ok: true });
    await core.close();
  });

  it('stores only salted hashes: no PIN in the store, the audit or the log', async () => {
    const dir = tempDir();
    const { core, logger } = await provisioned(dir);
    await value(core, 'loginStaff', { pin: '000000' });
    await value(core, 'loginStaff', { pin: STAFF_PIN });
    await core.close();
    const db = new BetterSqlite3(join(dir, 'kiosk.sqlite3'), { readonly: true });
    const rows = db.prepare(`SELECT role, scheme, salt, hash FROM staff_pins ORDER BY role`).all() as { scheme: string; salt: Buffer; hash: Buffer }[];
    db.close();
    expect(rows.map((r) => r.scheme)).toEqual(['scrypt:N=32768,r=8,p=1,len=32', 'scrypt:N=32768,r=8,p=1,len=32']);
    expect(rows[0]?.salt.equals(rows[1]?.salt ?? Buffer.alloc(0))).toBe(false);
    const everything = [
      ...readdirSync(dir).filter((f) => f.startsWith('kiosk.sqlite3')).map((f) => readFileSync(join(dir, f)).toString('latin1')),
      JSON.stringify(audit(dir)),
      JSON.stringify(logger.lines),
    ].join('\n');
    for (const pin of [IT_PIN, STAFF_PIN, '000000']) expect(everything).not.toContain(pin);
  });

  it('locks entry after 5 wrong PINs for 5 minutes, across a restart, then 10 minutes after the next 5; raises an alert and audits', async () => {
    const dir = tempDir();
    const clock = new FixedClock(new Date(START));
    const first = await provisioned(dir, clock);
    const alerts: { source: string; resolvedAt: string | null }[] = [];
    first.core.events.subscribe((event, payload) => event === 'staffAlert' && alerts.push(payload as (typeof alerts)[number]));
    for (const left of [4, 3, 2, 1]) expect(await value(first.core, 'loginStaff', { pin: '123456' })).toEqual({ outcome: 'wrong', attemptsLeft: left });
    const locked = { outcome: 'locked', lockedUntil: '2026-11-23T02:05:00.000Z' };
    expect(await value(first.core, 'loginStaff', { pin: 'x' })).toEqual(locked);
    expect(await value(first.core, 'loginStaff', { pin: STAFF_PIN })).toEqual(locked);
    await new Promise((r) => setTimeout(r, 0));
    expect(alerts).toMatchObject([{ source: 'staff-access', resolvedAt: null }]);
    expect(await value(first.core, 'getStaffAlertBadge')).toEqual({ open: 1 });
    await first.core.close();

    // A restart on the same store: still locked until the same moment.
    clock.advance(4 * 60_000 + 59_000);
    const second = await createTestCore(dir, clock);
    expect(await value(second.core, 'getStaffAccess')).toMatchObject({ lockedUntil: '2026-11-23T02:05:00.000Z' });
    expect(await value(second.core, 'loginStaff', { pin: STAFF_PIN })).toEqual(locked);
    clock.advance(1_000);
    expect(await value(second.core, 'getStaffAccess')).toMatchObject({ lockedUntil: null });
    for (let i = 0; i < 4; i++) await value(second.core, 'loginStaff', { pin: '654321' });
    expect(await value(second.core, 'loginStaff', { pin: '654321' })).toEqual({ outcome: 'locked', lockedUntil: '2026-11-23T02:15:00.000Z' });
    clock.advance(10 * 60_000);
    expect(await value(second.core, 'loginStaff', { pin: STAFF_PIN })).toMatchObject({ outcome: 'granted', role: 'staff' });
    await second.core.close();

    expect(audit(dir).map((e) => [e.event, e.role, e.terminalId])).toEqual([
      ['pin-set', 'it', 'KIOSK-01'],
      ['login', 'it', 'KIOSK-01'],
      ['pin-set', 'staff', 'KIOSK-01'],
      ['lockout', null, 'KIOSK-01'],
      ['lockout', null, 'KIOSK-01'],
      ['login', 'staff', 'KIOSK-01'],
    ]);
  });

  it('a session ends after 2 minutes idle, on logout, and when a citizen session starts or a citizen takes a ticket', async () => {
    const dir = tempDir();
    const clock = new FixedClock(new Date(START));
    const { core } = await provisioned(dir, clock);
    const login = async () => {
      const reply = await value<Login>(core, 'loginStaff', { pin: STAFF_PIN });
      if (reply.outcome !== 'granted') throw new Error('not granted');
      return reply.session;
    };
    const allowed = async (session: string) => (await core.dispatcher.dispatch('listStaffAlerts', { session })).ok;

    // Logging in as staff ends the IT session the set-up opened ('replaced').
    let session = await login();
    clock.advance(119_000);
    expect(await value(core, 'touchStaffSession', { session })).toEqual({ idleSeconds: 120 });
    clock.advance(119_000);
    expect(await allowed(session)).toBe(true);
    clock.advance(120_000);
    expect(await allowed(session)).toBe(false);

    session = await login();
    expect(await value(core, 'logoutStaff', { session })).toEqual({ loggedOut: true });
    expect(await allowed(session)).toBe(false);

    session = await login();
    await value(core, 'startCitizenSession');
    expect(await allowed(session)).toBe(false);

    session = await login();
    await value(core, 'takeTicket', { serviceId: 'dat-dai', priority: 'none', language: 'vi' });
    expect(await allowed(session)).toBe(false);
    await core.close();

    expect(audit(dir).filter((e) => e.event === 'logout').map((e) => e.detail)).toEqual(['replaced', 'idle', 'logout', 'citizen-session', 'citizen-session']);
  });

  it('test read is masked in main and lives only as long as the citizen session that made it', async () => {
    const { core } = await provisioned(tempDir());
    const session = async () => {
      const reply = await value<Login>(core, 'loginStaff', { pin: IT_PIN });
      return reply.outcome === 'granted' ? reply.session : '';
    };
    await value(core, 'startCitizenSession');
    const card = '001099017777|123456789|Nguyễn Văn An|01021990|Nam|12 Lý Thường Kiệt, Hoàn Kiếm, Hà Nội|04102021';
    (core.barcodeScanner as VirtualScanner).scan(card + '\r');
    const reply = await core.dispatcher.dispatch('getLastScan', { session: await session() });
    expect(reply).toMatchObject({ ok: true, value: { kind: 'cccd', maskedId: '********7777', initials: 'N.V.A.' } });
    expect(JSON.stringify(reply)).not.toMatch(/001099017777|Nguyễn|Lý Thường/);
    await value(core, 'endCitizenSession');
    expect(await value(core, 'getLastScan', { session: await session() })).toBeNull();
    await core.close();
  });
});
