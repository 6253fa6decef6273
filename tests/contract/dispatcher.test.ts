import fc from 'fast-check';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { methodNames } from '../../src-shared/contract';
import { errorCodes } from '../../src-shared/errors';
import { roleOf } from '../../src-shared/method-roles';
import { FixedClock } from '../fakes/fixed-clock';
import { createTestCore } from '../fakes/test-core';
import { useTempDirs } from '../fakes/temp-dir';

const tempDir = useTempDirs();

describe('dispatcher: every request validated in main', () => {
  it('answers a valid request with {ok:true, value}', async () => {
    const { core } = await createTestCore(tempDir());
    const reply = await core.dispatcher.dispatch('takeTicket', { serviceId: 'dat-dai', priority: 'none', language: 'vi' });
    expect(reply).toMatchObject({ ok: true, value: { display: 'A001', printed: true } });
    await core.close();
  });

  it('names the bad field of an invalid request', async () => {
    const { core } = await createTestCore(tempDir());
    const reply = await core.dispatcher.dispatch('takeTicket', { serviceId: 'dat-dai', priority: 'vip', language: 'vi' });
    expect(reply).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    expect(!reply.ok && reply.error.message).toMatch(/takeTicket: priority/);
    expect(await core.dispatcher.dispatch('takeTicket', { serviceId: 'dat-dai', priority: 'none', language: 'vi', extra: 1 })).toMatchObject({
      ok: false,
      error: { code: 'invalid_request' },
    });
  });

  it('refuses unknown methods, including prototype names', async () => {
    const { core } = await createTestCore(tempDir());
    for (const name of ['dropTables', '__proto__', 'constructor', 'toString', 42, null]) {
      expect(await core.dispatcher.dispatch(name, {})).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
    }
  });

  it('survives any hostile payload with a reply from the closed code set', async () => {
    const { core } = await createTestCore(tempDir());
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.constantFrom(...methodNames), fc.string()), fc.anything(), async (method, request) => {
        const reply = await core.dispatcher.dispatch(method, request);
        if (!reply.ok) expect(errorCodes).toContain(reply.error.code);
      }),
      { numRuns: 300 },
    );
    expect((await core.dispatcher.dispatch('getInfo', {})).ok).toBe(true);
  });

  it('still starts on a corrupt store, says so, and refuses store work with store_unavailable', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'kiosk.sqlite3'), 'garbage'.repeat(1000));
    const { core } = await createTestCore(dir);
    const info = await core.dispatcher.dispatch('getInfo', {});
    expect(info).toMatchObject({ ok: true, value: { store: { state: 'unavailable', reason: 'corrupt' } } });
    expect(await core.dispatcher.dispatch('takeTicket', { serviceId: 'dat-dai', priority: 'none', language: 'vi' })).toMatchObject({
      ok: false,
      error: { code: 'store_unavailable' },
    });
  });
});

describe('dispatcher: staff and IT methods need a live session of their role', () => {
  const roleFree = methodNames.filter((m) => roleOf(m) === 'citizen');
  const guarded = methodNames.filter((m) => roleOf(m) !== 'citizen');

  it('lists the staff methods the brief names, and IT-only PIN changes', () => {
    for (const m of ['getDeviceStatus', 'listStaffAlerts', 'testPrint', 'testDocumentScan', 'getLastScan', 'getSyncStatus', 'listParkedRows', 'retryParkedRow', 'logoutStaff'] as const) {
      expect(roleOf(m)).toBe('staff');
    }
    const setupWizard = ['checkSetupCenter', 'checkSetupPortal', 'finishSetup', 'getSetupState', 'listSetupDevices', 'readSetupQr', 'testSetupBarcodeScanner', 'testSetupDocumentScanner', 'testSetupPrinter'];
    expect(guarded.filter((m) => roleOf(m) === 'it').sort()).toEqual([...['exportLogs', 'getDiagnostics', 'listExportMounts', 'setItPin', 'setStaffPin'], ...setupWizard].sort());
    expect(roleFree).toContain('takeTicket');
  });

  it('refuses every non-citizen method without, with a wrong and with an expired token, and accepts a valid one', async () => {
    const clock = new FixedClock(new Date('2026-11-23T02:00:00Z'));
    const { core } = await createTestCore(tempDir(), clock);
    const it = await core.dispatcher.dispatch('setupFirstItPin', { pin: '13572468' });
    const itSession = it.ok ? (it.value as { session: string }).session : '';
    expect((await core.dispatcher.dispatch('setStaffPin', { session: itSession, pin: '24681357' })).ok).toBe(true);
    const login = async (pin: string) => {
      const reply = await core.dispatcher.dispatch('loginStaff', { pin });
      return reply.ok ? ((reply.value as { session?: string }).session ?? '') : '';
    };
    const forbidden = { ok: false, error: { code: 'forbidden' } };
    const wrongToken = 'A'.repeat(43);
    const pinOf = (method: (typeof guarded)[number]) => (roleOf(method) === 'it' ? '13572468' : '24681357');
    for (const method of guarded) {
      expect(await core.dispatcher.dispatch(method, {}), `${method} without token`).toMatchObject(forbidden);
      expect(await core.dispatcher.dispatch(method, { session: wrongToken }), `${method} wrong token`).toMatchObject(forbidden);
      expect(await core.dispatcher.dispatch(method, 'not an object'), `${method} no object`).toMatchObject(forbidden);
    }
    // One login per role and phase (a PIN check costs a deliberate scrypt): sessions left idle past the limit…
    const expired = { staff: await login('24681357'), it: await login('13572468') };
    clock.advance(2 * 60_000);
    for (const method of guarded) {
      const session = roleOf(method) === 'it' ? expired.it : expired.staff;
      expect(await core.dispatcher.dispatch(method, { session }), `${method} expired`).toMatchObject(forbidden);
    }
    // …and live ones, logged in again whenever a method ended the session (logout).
    const live = new Map<string, string>();
    const sessionFor = async (method: (typeof guarded)[number]) => {
      const pin = pinOf(method);
      const known = live.get(pin);
      if (known && (await core.dispatcher.dispatch('touchStaffSession', { session: known })).ok) return known;
      const fresh = await login(pin);
      live.set(pin, fresh);
      return fresh;
    };
    for (const method of guarded) {
      const reply = await core.dispatcher.dispatch(method, { session: await sessionFor(method) });
      // Accepted: whatever it answers (some need more fields), it is not refused for the role.
      expect(reply.ok || reply.error.code !== 'forbidden', `${method} valid token: ${JSON.stringify(reply)}`).toBe(true);
      if (roleOf(method) === 'it') {
        const staffSession = await sessionFor('getDeviceStatus');
        expect(await core.dispatcher.dispatch(method, { session: staffSession, pin: '999999' }), `${method} as staff`).toMatchObject(forbidden);
      }
    }
    await core.close();
    // Two PIN logins (scrypt) per guarded method: the time grows with the contract, not a hang.
  }, 90_000);

  it('keeps every citizen method callable without a token', async () => {
    const { core } = await createTestCore(tempDir());
    for (const method of roleFree) {
      const reply = await core.dispatcher.dispatch(method, {});
      expect(reply.ok || reply.error.code !== 'forbidden', method).toBe(true);
    }
    await core.close();
  });
});
