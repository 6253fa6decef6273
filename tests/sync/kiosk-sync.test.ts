import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useCleanups } from '../fakes/cleanups';
import type { KioskCore } from '../../src-main/app/composition-root';
import { ConfigError } from '../../src-main/app/config';
import { createMemoryLogger } from '../../src-main/kernel/logger';
import type { SyncStatus } from '../../src-shared/sync';
import { demoConfig } from '../fakes/demo-config';
import { call, startKioskCore, submitLandDossier, until } from './core-harness';
import { openKioskDb, portalHoldings, startPortal } from './harness';

const { cleanups, tempDir } = useCleanups('kiosk-sync-');

async function startCore(dataDir: string, portalUrl: string | null, logger = createMemoryLogger(), dossierCodesPerDay?: number): Promise<KioskCore> {
  const core = await startKioskCore(dataDir, portalUrl, { logger, ...(dossierCodesPerDay === undefined ? {} : { dossierCodesPerDay }) });
  cleanups.push(() => core.close());
  return core;
}

/** The dossier's id (its session id) once submitted. */
const submitDossier = async (core: KioskCore): Promise<string> => (await submitLandDossier(core)).receipt.dossierId;

describe('the kiosk core with a portal', () => {
  it('enrolls in the background, reserves codes and numbers, numbers tickets through the portal, delivers dossiers, and reports offline when the portal goes', async () => {
    const portalDir = tempDir();
    const { server, url } = await startPortal(portalDir);
    let portalUp = true;
    cleanups.push(async () => {
      if (portalUp) await server.close();
    });
    const dataDir = tempDir();
    const logger = createMemoryLogger();
    const core = await startCore(dataDir, url, logger);
    const linkEvents: string[] = [];
    core.events.subscribe((event, payload) => {
      if (event === 'linkState') linkEvents.push((payload as { state: string }).state);
    });

    await until('enrolled and online', async () => {
      const s = await call<SyncStatus>(core, 'getSyncStatus');
      return s.enrolled && s.state === 'online' ? s : undefined;
    });
    // The credential lives in a file only the kiosk's user can read.
    expect(statSync(join(dataDir, 'portal-credential')).mode & 0o777).toBe(0o600);

    const serviceId = demoConfig().queue.services[0]?.id ?? '';
    const online = await call<{ id: string }>(core, 'takeTicket', { serviceId, priority: 'none', language: 'vi' });
    const dossierId = await submitDossier(core);
    const held = await until('dossier on the portal', () => {
      const h = portalHoldings(server);
      return h.dossiers.some((d) => d.id === dossierId) ? h : undefined;
    });
    expect(held.files.filter((f) => f.dossier_id === dossierId)).toHaveLength(3);
    await until('outbox drained', async () => ((await call<SyncStatus>(core, 'getSyncStatus')).outboxDepth === 0 ? true : undefined));
    // Blocks are reserved one service after another in the background, and the kiosk holds its
    // store alone while it runs: wait for the kiosk to have recorded each block (its log says so
    // after the insert), not for the portal to have handed it out.
    const services = demoConfig().queue.services.length;
    // One block of codes per agency whose procedures the demo catalog offers.
    const agencies = new Set((JSON.parse(readFileSync('assets/demo-catalog.json', 'utf8')) as { procedures: { agencyCode: string }[] }).procedures.map((p) => p.agencyCode)).size;
    const logged = (message: string) => logger.lines.filter((l) => l.message === message).length;
    await until('the day\'s official codes and a queue block for every service recorded', () =>
      logged('official codes reserved for offline use') >= agencies && logged('queue numbers reserved for offline use') >= services ? true : undefined,
    );
    const officialCode = held.dossiers.find((d) => d.id === dossierId)?.code;

    await server.close();
    portalUp = false;
    const offline = await until('offline', async () => {
      const s = await call<SyncStatus>(core, 'getSyncStatus');
      return s.state === 'offline' ? s : undefined;
    });
    expect(offline.lastError?.message).toMatch(/unreachable/);
    expect(linkEvents).toContain('offline');
    const meanwhile = await call<{ id: string }>(core, 'takeTicket', { serviceId, priority: 'none', language: 'vi' });
    await core.close();

    // The store after the run (the core holds it exclusively while it runs).
    const db = openKioskDb(join(dataDir, 'kiosk.sqlite3'));
    cleanups.push(() => {
      db.close();
    });
    const one = <T>(sql: string, ...args: unknown[]) => db.prepare(sql).get(...args) as T;
    expect(Number(one<{ value: string }>(`SELECT value FROM sync_meta WHERE key = 'terminal_index'`).value)).toBeGreaterThanOrEqual(1);
    expect(one<{ n: number }>(`SELECT count(*) AS n FROM official_code_reservations`).n).toBe(50 * agencies);
    expect(one<{ n: number }>(`SELECT count(DISTINCT service_id) AS n FROM queue_number_blocks`).n).toBe(demoConfig().queue.services.length);
    const source = (id: string) => one<{ number_source: string }>(`SELECT number_source FROM tickets WHERE id = ?`, id).number_source;
    expect(source(online.id)).toBe('portal');
    expect(source(meanwhile.id)).toBe('block');
    // Submitted before the land office's block arrived, the provisional code stays and the
    // portal's official one is linked to it; after, it had the official code from the start.
    const codes = one<{ official_code: string | null; provisional_code: string | null }>(`SELECT official_code, provisional_code FROM dossiers WHERE id = ?`, dossierId);
    expect(codes.official_code).toBe(officialCode);
    if (codes.provisional_code !== null) expect(codes.provisional_code).toMatch(/^TAM-/);
  }, 60_000);

  it('enrolls again when the portal no longer knows its credential, and delivers without parking anything', async () => {
    const first = await startPortal(tempDir());
    const port = Number(new URL(first.url).port);
    const dataDir = tempDir();
    const logger = createMemoryLogger();
    // No reserved codes: a rebuilt store would not know codes the old one handed out (that is a
    // code_conflict, parked for staff), and this test is about the credential.
    const core = await startCore(dataDir, first.url, logger, 0);
    await until('enrolled and online', async () => {
      const s = await call<SyncStatus>(core, 'getSyncStatus');
      return s.enrolled && s.state === 'online' ? s : undefined;
    });
    const credential = readFileSync(join(dataDir, 'portal-credential'), 'utf8');
    await first.server.close();

    // A rebuilt portal store on the same address: it has never heard of this terminal.
    const second = await startPortal(tempDir(), [], 7, { port });
    cleanups.push(() => second.server.close());
    const dossierId = await submitDossier(core);
    const held = await until('dossier on the rebuilt portal', () => {
      const h = portalHoldings(second.server);
      return h.dossiers.some((d) => d.id === dossierId) ? h : undefined;
    });
    expect(held.files.filter((f) => f.dossier_id === dossierId)).toHaveLength(3);
    const status = await until('outbox drained', async () => {
      const s = await call<SyncStatus>(core, 'getSyncStatus');
      return s.outboxDepth === 0 ? s : undefined;
    });
    expect(status.parked).toBe(0);
    expect(readFileSync(join(dataDir, 'portal-credential'), 'utf8')).not.toBe(credential);
    expect(second.server.deps.db.prepare(`SELECT id FROM terminals`).all()).toEqual([{ id: demoConfig().terminal.id }]);
    expect(logger.lines.some((e) => e.level === 'warn' && /rejected this terminal's credential/.test(e.message))).toBe(true);
  }, 60_000);

  it('when the token is refused too, the link says so and the outbox keeps the dossier for later', async () => {
    const first = await startPortal(tempDir());
    const port = Number(new URL(first.url).port);
    const core = await startCore(tempDir(), first.url);
    await until('enrolled', async () => ((await call<SyncStatus>(core, 'getSyncStatus')).enrolled ? true : undefined));
    await first.server.close();
    const second = await startPortal(tempDir(), [], 7, { port, enrollmentTokens: ['a-token-this-kiosk-does-not-have'] });
    cleanups.push(() => second.server.close());
    await submitDossier(core);
    const refused = await until('token refused', async () => {
      const s = await call<SyncStatus>(core, 'getSyncStatus');
      return !s.enrolled && /enrollment token is not valid/.test(s.lastError?.message ?? '') ? s : undefined;
    });
    expect(refused.state).not.toBe('online');
    expect(refused.parked).toBe(0);
    expect(refused.outboxDepth).toBeGreaterThan(0);
    expect(portalHoldings(second.server).dossiers).toHaveLength(0);
  }, 60_000);

  it('without a portal the kiosk works offline-only and keeps every dossier in the outbox', async () => {
    const dataDir = tempDir();
    const core = await startCore(dataDir, null);
    const status = await call<SyncStatus>(core, 'getSyncStatus');
    expect(status).toMatchObject({ state: 'disabled', enrolled: false, portalOrigin: null, outboxDepth: 0 });
    const serviceId = demoConfig().queue.services[0]?.id ?? '';
    const ticket = await call<{ display: string }>(core, 'takeTicket', { serviceId, priority: 'none', language: 'vi' });
    expect(ticket.display).toMatch(/^[A-Z]+\d{3}$/);
  });

  it('refuses a plain-http portal that is not on this machine, naming the field', () => {
    expect(() => demoConfig({ sync: { portalUrl: 'http://portal.example.vn' } })).toThrow(ConfigError);
    expect(() => demoConfig({ sync: { portalUrl: 'http://portal.example.vn' } })).toThrow(/sync\.portalUrl: .*https/);
    expect(demoConfig({ sync: { portalUrl: 'https://portal.example.vn' } }).sync.portalUrl).toBe('https://portal.example.vn');
  });
});
