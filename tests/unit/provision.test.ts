import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src-main/app/config';
import { embeddedDefaults, loadKioskConfig } from '../../src-main/app/load-config';
import { provisionTerminal } from '../../src-main/app/provision';
import { systemClock } from '../../src-main/kernel/clock';
import { useTempDirs } from '../fakes/temp-dir';
import { usePortals } from '../portal/harness';

interface TestProfile {
  profileVersion: number;
  defaults: { sync: { portalUrl: string; enrollmentToken: string } } & Record<string, unknown>;
  terminals: { id: string; hostname?: string; config: Record<string, unknown> }[];
}
const profileFor = (portalUrl: string, extra: Record<string, unknown> = {}): TestProfile & Record<string, unknown> => ({
  profileVersion: 1,
  defaults: { center: { name: { vi: 'Trung tâm Phục vụ hành chính công tỉnh', en: 'Provincial public service center' } }, sync: { portalUrl, enrollmentToken: 'demo-enrollment-token' }, idle: { timeoutSeconds: 90 } },
  terminals: [
    { id: 'kiosk-01', hostname: 'tthc-kiosk-01', config: { language: 'en' } },
    { id: 'kiosk-02', hostname: 'tthc-kiosk-02', config: { printer: { driver: 'tcp', tcp: { host: '10.0.0.42' } } } },
  ],
  ...extra,
});

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const address = server.address();
  await new Promise<void>((r) => server.close(() => r()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

describe('headless provisioning from one profile (issue #19)', () => {
  const tempDir = useTempDirs();
  const openPortal = usePortals();
  const run = (profile: unknown, dataDir: string, pick: { terminalId?: string; hostname?: string }) =>
    provisionTerminal({
      profileText: typeof profile === 'string' ? profile : JSON.stringify(profile),
      profileSource: 'profile.json',
      dataDir,
      ...(pick.terminalId ? { terminalId: pick.terminalId } : {}),
      hostname: pick.hostname ?? 'some-host',
      embeddedDefaults: embeddedDefaults(),
      appVersion: '0.1.0',
      clock: systemClock,
    });

  it('provisions two terminals from one profile, one by id and one by hostname; each starts with its own settings', async () => {
    const portal = await openPortal();
    const [a, b] = [tempDir(), tempDir()];
    expect((await run(profileFor(portal.url), a, { terminalId: 'kiosk-01' })).terminalId).toBe('kiosk-01');
    expect((await run(profileFor(portal.url), b, { hostname: 'tthc-kiosk-02' })).terminalId).toBe('kiosk-02');
    const first = loadKioskConfig(['--data-dir', a]).config;
    const second = loadKioskConfig(['--data-dir', b]).config;
    expect([first.terminal.id, first.language, first.idle.timeoutSeconds, first.sync.portalUrl]).toEqual(['kiosk-01', 'en', 90, portal.url]);
    expect([second.terminal.id, second.printer.driver, second.printer.tcp.host, second.idle.timeoutSeconds]).toEqual(['kiosk-02', 'tcp', '10.0.0.42', 90]);
    // Only the profile's part is written: the embedded defaults stay underneath, as for a hand-written file.
    expect(Object.keys(JSON.parse(readFileSync(join(a, 'config.json'), 'utf8')) as object).sort()).toEqual(['center', 'configVersion', 'idle', 'language', 'sync', 'terminal']);
    // The portal saw both terminals enroll (the token was tried for real).
    const state = (await portal.admin('GET', '/admin/state')).json as { terminals: { id: string }[] };
    expect(state.terminals.map((t) => t.id).sort()).toEqual(['kiosk-01', 'kiosk-02']);
  });

  it('names each bad field with its terminal and writes nothing', async () => {
    const portal = await openPortal();
    const dir = tempDir();
    writeFileSync(join(dir, 'config.json'), '{"language":"vi"}\n');
    const bad = profileFor(portal.url);
    bad.terminals[0]!.config = { idle: { timeoutSecond: 30 }, language: 'fr' };
    bad.terminals[1]!.config = { printer: { tcp: { port: 'nine' } } };
    bad.terminals.push({ id: 'kiosk-01', hostname: 'tthc-kiosk-03', config: {} });
    const error = await run(bad, dir, { terminalId: 'kiosk-02' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    expect(message).toMatch(/terminals\.2\.id: "kiosk-01" is already used by terminals\.0/);
    expect(message).toMatch(/terminals\.0 \(kiosk-01\): language:/);
    expect(message).toMatch(/terminals\.1 \(kiosk-02\): printer\.tcp\.port:/);
    expect(readFileSync(join(dir, 'config.json'), 'utf8')).toBe('{"language":"vi"}\n');
  });

  it('names an unknown setting (a typo must not pass silently)', async () => {
    const portal = await openPortal();
    const typo = profileFor(portal.url);
    typo.terminals[0]!.config = { idle: { timeoutSecond: 30 } };
    await expect(run(typo, tempDir(), { terminalId: 'kiosk-01' })).rejects.toThrow(/terminals\.0 \(kiosk-01\): idle\.timeoutSecond: unknown setting/);
    await expect(run({ ...profileFor(portal.url), colour: 'red' }, tempDir(), { terminalId: 'kiosk-01' })).rejects.toThrow(/Unrecognized key.*colour|colour/);
    await expect(run('{ not json', tempDir(), { terminalId: 'kiosk-01' })).rejects.toThrow(/is not JSON/);
    await expect(run(profileFor(portal.url), tempDir(), { hostname: 'unknown-host' })).rejects.toThrow(/no terminal for hostname "unknown-host".*kiosk-01, kiosk-02/);
  });

  it('refuses an unreachable portal and an expired token, with nothing written', async () => {
    const dir = tempDir();
    await expect(run(profileFor(`http://127.0.0.1:${await closedPort()}`), dir, { terminalId: 'kiosk-01' })).rejects.toThrow(/sync\.portalUrl: the portal at .* cannot be reached/);
    const portal = await openPortal();
    const expired = profileFor(portal.url);
    expired.defaults.sync.enrollmentToken = 'token-that-expired';
    await expect(run(expired, dir, { terminalId: 'kiosk-01' })).rejects.toThrow(/sync\.enrollmentToken: the portal refused the enrollment token/);
    expect(existsSync(join(dir, 'config.json'))).toBe(false);
  });
  it('with a one-time token from the admin page: the trial enrollment leaves it usable by this terminal only; expired, used or for another id each named', async () => {
    let now = new Date('2026-12-06T08:00:00Z');
    const portal = await openPortal({ clock: () => now });
    const issue = async (body: unknown = {}) => ((await portal.admin('POST', '/admin/terminals/new', body)).json as { token: string }).token;
    const withToken = (token: string) => {
      const profile = profileFor(portal.url);
      profile.defaults.sync.enrollmentToken = token;
      return profile;
    };

    const fresh = await issue({ terminalId: 'kiosk-01' });
    const dir = tempDir();
    await run(withToken(fresh), dir, { terminalId: 'kiosk-01' });
    // The kiosk's own enrollment at its first start, with the token it was provisioned with.
    const started = await portal.call('POST', '/v1/enrollments', { body: { enrollmentToken: fresh, terminalId: 'kiosk-01', appVersion: '0.1.0' } });
    expect(started.status).toBe(201);

    const refused = tempDir();
    await expect(run(withToken(fresh), refused, { terminalId: 'kiosk-02' })).rejects.toThrow(/sync\.enrollmentToken: the enrollment token was issued for another terminal id.*kiosk-01, not kiosk-02/);
    const anyOne = await issue();
    await run(withToken(anyOne), tempDir(), { terminalId: 'kiosk-02' });
    await expect(run(withToken(anyOne), refused, { terminalId: 'kiosk-01' })).rejects.toThrow(/sync\.enrollmentToken: the enrollment token was already used by another terminal/);
    const late = await issue();
    now = new Date('2026-12-07T08:00:00Z');
    await expect(run(withToken(late), refused, { terminalId: 'kiosk-01' })).rejects.toThrow(/sync\.enrollmentToken: the enrollment token has expired\. Ask the portal's administrators for a new one/);
    await expect(run(withToken('not-a-token-at-all'), refused, { terminalId: 'kiosk-01' })).rejects.toThrow(/sync\.enrollmentToken: the portal refused the enrollment token \(wrong token\)/);
    expect(existsSync(join(refused, 'config.json'))).toBe(false);
  });
});
