import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createKioskCore, type KioskCore } from '../../../src-main/app/composition-root';
import { createMemoryLogger } from '../../../src-main/kernel/logger';
import type { VirtualScanner } from '../../../src-main/devices/scanner/virtual-scanner';
import type { HidModule } from '../../../src-main/devices/scanner/hid-pos-scanner';
import type { ReloadReason } from '../../../src-shared/contract';
import type { SetupDraft } from '../../../src-shared/setup';
import { formatSetupQr } from '../../../src-shared/setup-qr';
import { demoConfig } from '../../fakes/demo-config';
import { FixedClock } from '../../fakes/fixed-clock';
import { dispatchAsStaff, itSession, TEST_IT_PIN } from '../../fakes/staff-session';
import { useTempDirs } from '../../fakes/temp-dir';

const tempDir = useTempDirs();

const SANE_FIXTURES = join(import.meta.dirname, '../../fixtures/sane');

/** A portal's enrollment on loopback: the demo token is accepted, `spent-token` has expired, anything else is refused. */
let portal: Server;
let portalUrl = '';
beforeAll(async () => {
  portal = createServer((req, res) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString()));
    req.on('end', () => {
      const { enrollmentToken, terminalId } = JSON.parse(body || '{}') as { enrollmentToken?: string; terminalId?: string };
      const answer = (status: number, json: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(json));
      };
      if (req.url !== '/v1/enrollments') return answer(404, { error: { code: 'not_found', message: 'no such route' } });
      if (enrollmentToken === 'spent-token') return answer(401, { error: { code: 'unauthorized', message: 'The enrollment token has expired.', details: { reason: 'enrollment_token_expired' } } });
      if (enrollmentToken !== 'demo-enrollment-token') return answer(401, { error: { code: 'unauthorized', message: 'The enrollment token is not valid.' } });
      answer(201, { terminalId, terminalIndex: 3, credential: 'c'.repeat(43), centerId: 'AN-PHU', agencyCode: '000.00.12.H29', timeZone: 'Asia/Bangkok' });
    });
  });
  await new Promise<void>((resolve) => portal.listen(0, '127.0.0.1', resolve));
  portalUrl = `http://127.0.0.1:${(portal.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => portal.close(() => resolve())));

const fakeHid: HidModule = {
  devicesAsync: async () => [{ vendorId: 0x0c2e, productId: 0x0b07, path: '/dev/hidraw9', usagePage: 0x8c, product: 'Xenon 1900', manufacturer: 'Honeywell' }],
  open: async () => {
    throw new Error('not in this test');
  },
};

let core: KioskCore | null = null;
async function closeCore(): Promise<void> {
  const open = core;
  core = null;
  await open?.close();
}
afterEach(closeCore);

async function blankTerminal(dataDir = tempDir(), setupMode = true, config = demoConfig()) {
  const reloads: ReloadReason[] = [];
  process.env['SANE_CONFIG_DIR'] = SANE_FIXTURES;
  core = await createKioskCore({
    dataDir,
    config,
    host: 'web',
    version: 'test',
    clock: new FixedClock(new Date('2026-12-06T02:00:00Z')),
    logger: createMemoryLogger(),
    hid: fakeHid,
    setupMode,
    reload: (reason) => reloads.push(reason),
  });
  return { core, dataDir, reloads };
}

const good = (): SetupDraft => ({
  center: { terminalId: 'KIOSK-07', centerName: { vi: 'Trung tâm An Phú', en: 'An Phu Center' } },
  portal: { mode: 'portal', portalUrl, enrollmentToken: 'demo-enrollment-token' },
  printer: { driver: 'virtual', host: '', port: 9100, devicePath: '', paperWidthDots: 384 },
  barcodeScanner: { driver: 'virtual', vendorId: 0, productId: 0 },
  documentScanner: { driver: 'virtual', device: '' },
});

const value = (reply: { ok: boolean; value?: unknown; error?: unknown }) => {
  expect(reply.ok, JSON.stringify(reply.error)).toBe(true);
  return reply.value;
};

describe('set-up methods on a blank terminal (real store, real HTTP on loopback)', () => {
  it('tells the screen it is in set-up mode, and only IT reaches the wizard', async () => {
    const { core } = await blankTerminal();
    expect(value(await core.dispatcher.dispatch('getInfo', {}))).toMatchObject({ setupMode: true });
    const citizen = await core.dispatcher.dispatch('getSetupState', {});
    expect(citizen.ok).toBe(false);
    expect(value(await dispatchAsStaff(core, 'getSetupState'))).toMatchObject({ mode: 'first-start', staffPinSet: false, draft: { center: { terminalId: 'KIOSK-01' }, portal: { mode: 'offline' } } });
  });

  it('names an unreachable portal, a wrong and an expired token; a good one tells the center', async () => {
    const { core } = await blankTerminal();
    const check = (portal: SetupDraft['portal']) => dispatchAsStaff(core, 'checkSetupPortal', { portal, terminalId: 'KIOSK-07' }).then(value);
    expect(await check({ mode: 'portal', portalUrl: 'http://127.0.0.1:1', enrollmentToken: 'demo-enrollment-token' })).toMatchObject({ valid: false, reason: 'portal-unreachable' });
    expect(await check({ mode: 'portal', portalUrl: 'http://portal.example.org', enrollmentToken: 'x' })).toMatchObject({ valid: false, reason: 'portal-not-https' });
    expect(await check({ mode: 'portal', portalUrl, enrollmentToken: 'wrong' })).toMatchObject({ valid: false, reason: 'token-refused', field: 'portal.enrollmentToken' });
    expect(await check({ mode: 'portal', portalUrl, enrollmentToken: 'spent-token' })).toMatchObject({ valid: false, reason: 'token-expired' });
    expect(await check({ mode: 'portal', portalUrl, enrollmentToken: ' ' })).toMatchObject({ valid: false, reason: 'token-missing' });
    expect(await check({ mode: 'portal', portalUrl, enrollmentToken: 'demo-enrollment-token' })).toEqual({ valid: true, value: { centerId: 'AN-PHU', agencyCode: '000.00.12.H29', timeZone: 'Asia/Bangkok' } });
    expect(await check({ mode: 'offline' })).toEqual({ valid: true, value: null });
  });

  it('reads the set-up QR a keyboard-wedge scanner typed, and names a citizen ID card typed instead', async () => {
    const { core } = await blankTerminal();
    const read = (wedgeText: string) => dispatchAsStaff(core, 'readSetupQr', { wedgeText }).then(value);
    expect(await read(formatSetupQr({ motcuaSetup: 1, portalUrl, enrollmentToken: 'ABCDE-FGHJK-MNPQR-STVWX', terminalId: 'KIOSK-07' }))).toEqual({
      valid: true,
      value: { portalUrl, enrollmentToken: 'ABCDE-FGHJK-MNPQR-STVWX', terminalId: 'KIOSK-07', expiresAt: null },
    });
    expect(await read('079123456789|123456789|Nguyen Van A|01011990|Nam|Ha Noi|01012021')).toMatchObject({ valid: false, reason: 'qr-citizen-id' });
    expect(await read('8935049501503')).toMatchObject({ valid: false, reason: 'qr-not-setup' });
  });

  it('lists the devices and tries the candidates beside the running ones', async () => {
    const { core, dataDir } = await blankTerminal();
    const devices = value(await dispatchAsStaff(core, 'listSetupDevices')) as { hid: unknown[]; documentScanners: { name: string }[]; spoolerAvailable: boolean };
    expect(devices.hid).toEqual([{ vendorId: 0x0c2e, productId: 0x0b07, product: 'Xenon 1900', manufacturer: 'Honeywell', barcodeScanner: true }]);
    expect(devices.documentScanners.map((d) => d.name)).toContain('test:0');
    expect(devices.spoolerAvailable).toBe(false);

    const print = (printer: Partial<SetupDraft['printer']>) => dispatchAsStaff(core, 'testSetupPrinter', { printer: { ...good().printer, ...printer } }).then(value);
    expect(await print({})).toEqual({ valid: true, value: {} });
    expect(existsSync(join(dataDir, 'prints'))).toBe(true);
    expect(await print({ driver: 'tcp', host: 'not a host!' })).toMatchObject({ valid: false, reason: 'printer-host-invalid', field: 'printer.host' });
    expect(await print({ driver: 'tcp', host: '127.0.0.1', port: 1 })).toMatchObject({ valid: false, reason: 'printer-failed' });
    expect(await print({ driver: 'spooler' })).toMatchObject({ valid: false, reason: 'printer-spooler-needs-electron' });

    // The running (virtual) scanner reads for the test; the scan is shown as read.
    const read = dispatchAsStaff(core, 'testSetupBarcodeScanner', { barcodeScanner: good().barcodeScanner });
    await new Promise((r) => setTimeout(r, 50));
    (core.barcodeScanner as VirtualScanner).scan('TEST-LABEL-42');
    expect(value(await read)).toEqual({ valid: true, value: { kind: 'unknown', length: 13, shown: 'TEST-LABEL-42' } });

    const page = value(await dispatchAsStaff(core, 'testSetupDocumentScanner', { documentScanner: { driver: 'sane', device: 'test:0' } })) as { valid: true; value: { widthPx: number; thumbnail: string } };
    expect(page.valid).toBe(true);
    expect(page.value.widthPx).toBeGreaterThan(100);
    expect(page.value.thumbnail).toMatch(/^data:image\/png;base64,/);
    expect(value(await dispatchAsStaff(core, 'testSetupDocumentScanner', { documentScanner: { driver: 'sane', device: 'nosuch:0' } }))).toMatchObject({ valid: false, reason: 'docscan-failed' });
  }, 60_000);

  it('refuses a bad finish with nothing written; a good one writes config.json, sets the staff PIN and asks for a new core', async () => {
    const { core, dataDir, reloads } = await blankTerminal();
    const finish = (draft: SetupDraft, staffPin: string | null) => dispatchAsStaff(core, 'finishSetup', { draft, staffPin }).then(value);
    expect(await finish({ ...good(), center: { ...good().center, terminalId: 'KIOSK 07' } }, '13572468')).toMatchObject({ valid: false, reason: 'terminal-id-invalid' });
    expect(await finish({ ...good(), portal: { mode: 'portal', portalUrl, enrollmentToken: 'wrong' } }, '13572468')).toMatchObject({ valid: false, reason: 'token-refused' });
    expect(await finish(good(), null)).toMatchObject({ valid: false, reason: 'pin-missing' });
    expect(await finish(good(), '123')).toMatchObject({ valid: false, reason: 'pin-invalid' });
    expect(await finish(good(), TEST_IT_PIN)).toMatchObject({ valid: false, reason: 'pins-same' });
    expect(existsSync(join(dataDir, 'config.json'))).toBe(false);
    expect(reloads).toEqual([]);

    expect(await finish(good(), '13572468')).toEqual({ valid: true, value: {} });
    const written = JSON.parse(readFileSync(join(dataDir, 'config.json'), 'utf8')) as Record<string, unknown>;
    expect(written).toMatchObject({ terminal: { id: 'KIOSK-07' }, center: { timeZone: 'Asia/Bangkok' }, sync: { portalUrl, enrollmentToken: 'demo-enrollment-token' }, printer: { driver: 'virtual', paperWidthDots: 384 } });
    expect(value(await core.dispatcher.dispatch('getStaffAccess', {}))).toMatchObject({ itPinSet: true, staffPinSet: true });
    // The wizard's enrollment is kept for the next core: a one-time token is spent once.
    expect(readFileSync(join(dataDir, 'portal-credential'), 'utf8')).toBe('c'.repeat(43));
    await new Promise((r) => setImmediate(r));
    expect(reloads).toEqual(['setup']);
    await closeCore();
    const db = new BetterSqlite3(join(dataDir, 'kiosk.sqlite3'), { readonly: true });
    try {
      expect(db.prepare(`SELECT key, value FROM sync_meta WHERE key IN ('terminal_index', 'agency_code', 'center_id') ORDER BY key`).all()).toEqual([
        { key: 'agency_code', value: '000.00.12.H29' },
        { key: 'center_id', value: 'AN-PHU' },
        { key: 'terminal_index', value: '3' },
      ]);
    } finally {
      db.close();
    }
  });

  it('redone from the IT menu: prefilled from the running configuration, keeps every other setting, and does not enroll again with the same portal', async () => {
    const dataDir = tempDir();
    const running = { terminal: { id: 'KIOSK-07' }, language: 'en', sync: { portalUrl, enrollmentToken: 'spent-token' }, printer: { footer: 'Hotline 1900' } };
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(join(dataDir, 'config.json'), JSON.stringify(running));
    const { core, reloads } = await blankTerminal(dataDir, false, demoConfig(running));
    expect(value(await core.dispatcher.dispatch('getInfo', {}))).not.toHaveProperty('setupMode');
    const state = value(await dispatchAsStaff(core, 'getSetupState')) as { mode: string; draft: SetupDraft; staffPinSet: boolean };
    expect(state.mode).toBe('redo');
    expect(state.draft.center.terminalId).toBe('KIOSK-07');
    expect(state.draft.portal).toEqual({ mode: 'portal', portalUrl, enrollmentToken: 'spent-token' });
    await core.dispatcher.dispatch('setStaffPin', { session: await itSession(core), pin: '13572468' });
    // The token was spent at the first set-up; the same portal and id are not tried again.
    const draft = { ...state.draft, printer: { ...state.draft.printer, paperWidthDots: 384 as const } };
    expect(value(await dispatchAsStaff(core, 'finishSetup', { draft, staffPin: null }))).toEqual({ valid: true, value: {} });
    const written = JSON.parse(readFileSync(join(dataDir, 'config.json'), 'utf8')) as Record<string, unknown>;
    expect(written).toMatchObject({ language: 'en', printer: { footer: 'Hotline 1900', paperWidthDots: 384 }, sync: { enrollmentToken: 'spent-token' } });
    expect(existsSync(join(dataDir, 'portal-credential'))).toBe(false);
    await new Promise((r) => setImmediate(r));
    expect(reloads).toEqual(['setup']);
  });
});
