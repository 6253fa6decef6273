import { mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { createKioskCore, type KioskCore } from '../../src-main/app/composition-root';
import { systemClock } from '../../src-main/kernel/clock';
import { createFileLogger } from '../../src-main/kernel/logger';
import { migrations } from '../../src-main/db/migrations';
import { VirtualPrinter } from '../../src-main/devices/virtual/virtual-printer';
import { DiagnosticsSchema, type ExportMount, type LogExportResult } from '../../src-shared/diagnostics';
import { DEMO_ENROLLMENT_TOKEN } from '../../src-portal/portal-config';
import { demoConfig } from '../fakes/demo-config';
import { useCleanups } from '../fakes/cleanups';
import { TEST_IT_PIN } from '../fakes/staff-session';
import { call, submitLandDossier, until } from './core-harness';
import { startPortal } from './harness';
import { readZip } from '../unit/diagnostics/read-zip';

const { cleanups, tempDir } = useCleanups('kiosk-log-export-');

/** The citizen the seeded dossier belongs to (tests/unit/dossier/fixture.ts landDraft). */
const PERSONAL = ['Nguyễn Thị Thu Hương', 'Nguyen Thi Thu Huong', '001190012345', '0912345678', '912 345 678', 'Đội Cấn', '1990-05-17'];
const ACCOUNT_NUMBER = '0011001234567';

async function kioskWithPortal() {
  const portalDir = tempDir();
  const { server, url } = await startPortal(portalDir);
  cleanups.push(() => server.close());
  const dataDir = tempDir();
  const mediaRoot = join(tempDir(), 'media');
  mkdirSync(join(mediaRoot, 'kiosk', 'KINGSTON'), { recursive: true });
  const config = demoConfig({
    terminal: { id: 'KIOSK-EXPORT' },
    sync: { portalUrl: url, enrollmentToken: DEMO_ENROLLMENT_TOKEN, heartbeatSeconds: 1 },
    payment: { vietqr: { bankBin: '970436', accountNumber: ACCOUNT_NUMBER, accountName: 'TRUNG TAM PVHCC' } },
    diagnostics: { exportMountRoots: [join(mediaRoot, '*')] },
  });
  const core: KioskCore = await createKioskCore({
    dataDir,
    config,
    host: 'web',
    version: 'test',
    clock: systemClock,
    // The real file logger: the export must carry the files the kiosk really writes.
    logger: createFileLogger(join(dataDir, 'logs'), systemClock, config.logs),
    printer: new VirtualPrinter(576, join(dataDir, 'prints'), systemClock),
  });
  // Closing twice (the test, then the cleanup) closes once.
  let closed: Promise<void> | null = null;
  const close = core.close.bind(core);
  core.close = () => (closed ??= close());
  cleanups.push(() => core.close());
  return { core, dataDir, mediaRoot, url, portalDir };
}

/** Every entry's text, and the same text with JSON escapes undone (a name could hide as \\u1ec5). */
function searchable(entries: Map<string, Buffer>): Map<string, string> {
  const out = new Map<string, string>();
  for (const [name, body] of entries) {
    const text = body.toString('utf8');
    out.set(name, `${text}\n${text.normalize('NFD')}\n${text.replace(/\\u([0-9a-fA-F]{4})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)))}`);
  }
  return out;
}

describe('log export (issue #21): a zip IT takes away, with no personal data and no secrets', () => {
  it('writes the logs, the diagnostics, the redacted config and the schema version to the USB drive IT picked', async () => {
    const { core, dataDir, mediaRoot } = await kioskWithPortal();
    // A citizen's dossier through the real services; the portal takes it (the purge may not have run yet).
    const outcome = await submitLandDossier(core);
    await until('the dossier delivered', async () => ((await call<{ outboxDepth: number }>(core, 'getSyncStatus')).outboxDepth === 0 ? true : undefined));
    await call(core, 'lookupDossier', { code: outcome.receipt.code, idLast4: '2345', language: 'vi' }).catch(() => undefined);

    const mounts = await call<ExportMount[]>(core, 'listExportMounts');
    expect(mounts.map((m) => m.label)).toEqual(['KINGSTON']);
    const result = await call<LogExportResult>(core, 'exportLogs', { destination: { kind: 'usb', mount: mounts[0]?.path } });
    expect(result.writtenTo).toBe(join(mediaRoot, 'kiosk', 'KINGSTON', result.fileName));
    expect(result.fileName).toMatch(/^motcua-diagnostics-KIOSK-EXPORT-\d{8}T\d{6}Z\.zip$/);

    const zip = readFileSync(result.writtenTo ?? '');
    expect(zip.length).toBe(result.bytes);
    const entries = await readZip(zip);
    const names = [...entries.keys()];
    expect(names).toContain('diagnostics.json');
    expect(names).toContain('config-redacted.json');
    expect(names).toContain('schema-version.txt');
    const logNames = readdirSync(join(dataDir, 'logs')).filter((n) => n.endsWith('.log'));
    expect(logNames.length).toBeGreaterThan(0);
    for (const log of logNames) expect(names).toContain(`logs/${log}`);

    const diagnostics = DiagnosticsSchema.parse(JSON.parse(entries.get('diagnostics.json')?.toString('utf8') ?? ''));
    expect(diagnostics.terminalId).toBe('KIOSK-EXPORT');
    expect(diagnostics.versions.schema).toBe(migrations.length);
    expect(entries.get('schema-version.txt')?.toString('utf8').trim()).toBe(String(migrations.length));
    const config = JSON.parse(entries.get('config-redacted.json')?.toString('utf8') ?? '') as {
      sync: { enrollmentToken: string; portalUrl: string };
      payment: { vietqr: { accountNumber: string } };
    };
    expect(config.sync.enrollmentToken).toBe('[redacted]');
    expect(config.payment.vietqr.accountNumber).toBe('*********4567');

    // What must never leave the terminal in it: the citizen, the enrollment token, the
    // terminal's own portal credential, the PINs and their hashes, the bank account.
    const credential = readFileSync(join(dataDir, 'portal-credential'), 'utf8').trim();
    await core.close();
    const store = new BetterSqlite3(join(dataDir, 'kiosk.sqlite3'), { readonly: true });
    const pins = store.prepare('SELECT salt, hash FROM staff_pins').all() as { salt: Buffer; hash: Buffer }[];
    store.close();
    expect(pins.length).toBeGreaterThan(0);
    const secrets = [DEMO_ENROLLMENT_TOKEN, credential, TEST_IT_PIN, ACCOUNT_NUMBER, ...pins.flatMap((p) => [p.hash.toString('hex'), p.hash.toString('base64'), p.salt.toString('hex'), p.salt.toString('base64')])];
    for (const [name, text] of searchable(entries)) {
      for (const needle of [...PERSONAL, ...secrets]) {
        expect(text.includes(needle), `${name} carries ${needle.slice(0, 4)}…`).toBe(false);
      }
    }
    // The log entries are the kiosk's own files as they were (later lines only appended since).
    for (const log of logNames) {
      const inZip = entries.get(`logs/${log}`) ?? Buffer.alloc(0);
      expect(inZip.length).toBeGreaterThan(0);
      expect(readFileSync(join(dataDir, 'logs', log)).subarray(0, inZip.length).equals(inZip)).toBe(true);
    }
  }, 60_000);

  it('refuses a drive it did not list (the renderer is untrusted)', async () => {
    const { core, dataDir } = await kioskWithPortal();
    await expect(call(core, 'exportLogs', { destination: { kind: 'usb', mount: join(dataDir, 'files') } })).rejects.toThrow(/not_found/);
    await expect(call(core, 'exportLogs', { destination: { kind: 'usb', mount: '/tmp' } })).rejects.toThrow(/not_found/);
  });

  it('sends the zip to the portal, which keeps it as a file with a row and lists it per terminal', async () => {
    const { core, url, portalDir } = await kioskWithPortal();
    await until('enrolled', async () => ((await call<{ enrolled: boolean }>(core, 'getSyncStatus')).enrolled ? true : undefined));
    const result = await call<LogExportResult>(core, 'exportLogs', { destination: { kind: 'portal' } });
    expect(result.portalId).toBeTruthy();
    const stored = readFileSync(join(portalDir, 'diagnostics', `${result.portalId}.zip`));
    expect(stored.length).toBe(result.bytes);
    const entries = await readZip(stored);
    expect(entries.has('diagnostics.json')).toBe(true);
    const admin = await fetch(new URL('/admin/state', url)).then((r) => r.json() as Promise<{ diagnostics: { id: string; terminalId: string; bytes: number }[] }>);
    expect(admin.diagnostics).toContainEqual(expect.objectContaining({ id: result.portalId, terminalId: 'KIOSK-EXPORT', bytes: result.bytes }));
    const page = await fetch(new URL('/admin', url)).then((r) => r.text());
    expect(page).toContain(`/admin/diagnostics/${result.portalId}`);
    const download = await fetch(new URL(`/admin/diagnostics/${result.portalId}`, url));
    expect(download.headers.get('content-type')).toBe('application/zip');
    expect(Buffer.from(await download.arrayBuffer()).equals(stored)).toBe(true);
  });

  it('offers a download once, to whoever holds the one-shot token', async () => {
    const { core } = await kioskWithPortal();
    const result = await call<LogExportResult>(core, 'exportLogs', { destination: { kind: 'download' } });
    const token = /^\/exports\/([A-Za-z0-9_-]{43})$/.exec(result.downloadPath ?? '')?.[1] ?? '';
    expect(token).not.toBe('');
    const first = core.downloads.take(token);
    expect(first?.bytes.length).toBe(result.bytes);
    expect(core.downloads.take(token)).toBeNull();
  });
});
