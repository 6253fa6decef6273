// deploy/linux/: what install.sh writes, checked by systemd's own verifier (systemd-analyze verify
// needs the systemd package, not a running systemd: it works in a container) and read back.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const INSTALL = join(ROOT, 'deploy', 'linux', 'install.sh');

function stage(...args: string[]): { root: string; units: string[] } {
  const root = mkdtempSync(join(tmpdir(), 'kiosk-stage-'));
  execFileSync('bash', [INSTALL, '--stage', root, ...args], { encoding: 'utf8' });
  const dir = join(root, 'etc', 'systemd', 'system');
  return { root, units: readdirSync(dir).map((f) => join(dir, f)) };
}

function verify(units: string[]): { status: number | null; output: string } {
  const result = spawnSync('systemd-analyze', ['verify', '--man=no', ...units], { encoding: 'utf8' });
  return { status: result.status, output: `${result.stdout}${result.stderr}`.trim() };
}

/** `Key=value` lines of a unit's section, e.g. setting(unit, 'Service', 'Restart'). */
function settings(file: string, section: string, key: string): string[] {
  let current = '';
  const values: string[] = [];
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const header = /^\[(\w+)\]$/.exec(line);
    if (header) current = header[1]!;
    else if (current === section && line.startsWith(`${key}=`)) values.push(line.slice(key.length + 1));
  }
  return values;
}

describe('deploy/linux, browser host variant', () => {
  const { root, units } = stage();
  const unit = (name: string) => units.find((u) => u.endsWith(`/${name}`))!;

  it('writes units that systemd-analyze verify accepts', () => {
    expect(units.map((u) => u.split('/').pop()).sort()).toEqual([
      'motcua-kiosk-audio.service',
      'motcua-kiosk-browser.service',
      'motcua-kiosk-host.service',
      'motcua-kiosk-watchdog.service',
      'motcua-kiosk-watchdog.timer',
    ]);
    expect(verify(units)).toEqual({ status: 0, output: '' });
  });

  it('has a verifier that would catch a broken unit (the check above can fail)', () => {
    const broken = join(mkdtempSync(join(tmpdir(), 'kiosk-broken-')), 'motcua-kiosk-host.service');
    writeFileSync(broken, readFileSync(unit('motcua-kiosk-host.service'), 'utf8').replace('/usr/bin/node', '/usr/bin/no-such-node'));
    expect(verify([broken]).status).not.toBe(0);
  });

  it('restarts the host and the browser on any exit, for ever', () => {
    for (const name of ['motcua-kiosk-host.service', 'motcua-kiosk-browser.service']) {
      expect(settings(unit(name), 'Service', 'Restart'), name).toEqual(['always']);
      expect(settings(unit(name), 'Unit', 'StartLimitIntervalSec'), name).toEqual(['0']);
    }
  });

  it('runs Chromium under cage on tty1 as the kiosk user, without VT switching, on the launch page', () => {
    const browser = unit('motcua-kiosk-browser.service');
    expect(settings(browser, 'Service', 'User')).toEqual(['motcua-kiosk']);
    expect(settings(browser, 'Service', 'TTYPath')).toEqual(['/dev/tty1']);
    const [execStart] = settings(browser, 'Service', 'ExecStart');
    expect(execStart).toBe(`/usr/bin/cage -d -- ${ROOT}/deploy/linux/kiosk-browser`);
    expect(execStart).not.toMatch(/ -s\b/);
    const script = readFileSync(join(ROOT, 'deploy', 'linux', 'kiosk-browser'), 'utf8');
    expect(script).toContain('--kiosk');
    expect(script).toContain('"file://$PAGE"');
  });

  it('stops the host by SIGTERM to its whole control group, with time to close the store', () => {
    const host = unit('motcua-kiosk-host.service');
    expect(settings(host, 'Service', 'KillMode')).toEqual(['control-group']);
    expect(settings(host, 'Service', 'KillSignal')).toEqual(['SIGTERM']);
    expect(settings(host, 'Service', 'ExecStart')[0]).toContain('--no-open');
    expect(settings(host, 'Service', 'StandardOutput')).toEqual(['null']); // KIOSK_URL carries the secret.
  });

  it('gives Chromium a policy without developer tools, downloads or other sites', () => {
    const policy = JSON.parse(readFileSync(join(root, 'etc/chromium/policies/managed/motcua-kiosk.json'), 'utf8')) as Record<string, unknown>;
    expect(policy).toMatchObject({ DeveloperToolsAvailability: 2, URLBlocklist: ['*'], DownloadRestrictions: 3, IncognitoModeAvailability: 1 });
    expect(policy.URLAllowlist).toEqual(['http://127.0.0.1', 'file:///var/lib/motcua-kiosk/launch.html']);
  });

  it('leaves no text console, SysRq or power key to a citizen, and never blanks the console', () => {
    const logind = readFileSync(join(root, 'etc/systemd/logind.conf.d/motcua-kiosk.conf'), 'utf8');
    expect(logind).toMatch(/^NAutoVTs=0$/m);
    expect(logind).toMatch(/^HandlePowerKey=ignore$/m);
    expect(readFileSync(join(root, 'etc/sysctl.d/90-motcua-kiosk.conf'), 'utf8')).toBe('kernel.sysrq = 0\n');
    expect(readFileSync(join(root, 'etc/default/grub.d/90-motcua-kiosk.cfg'), 'utf8')).toContain('consoleblank=0');
  });

  it('shell scripts parse', () => {
    for (const script of ['install.sh', 'kiosk-browser', 'kiosk-watchdog', 'kiosk-audio']) {
      expect(spawnSync('bash', ['-n', join(ROOT, 'deploy', 'linux', script)]).status, script).toBe(0);
    }
  });
});

describe('deploy/linux, Electron AppImage variant', () => {
  it('writes the AppImage unit, which systemd-analyze verify accepts once the files are in place', () => {
    const appDir = mkdtempSync(join(tmpdir(), 'kiosk-app-'));
    const appImage = join(mkdtempSync(join(tmpdir(), 'kiosk-appimage-')), 'Mot Cua Kiosk.AppImage');
    writeFileSync(appImage, '#!/bin/sh\n');
    chmodSync(appImage, 0o755);
    const { root, units } = stage('--variant', 'electron', '--appimage', appImage, '--app-dir', appDir);
    expect(units.map((u) => u.split('/').pop()).sort()).toEqual(['motcua-kiosk-audio.service', 'motcua-kiosk-electron.service']);
    // The stage holds the app folder under its root; the units name the real place.
    cpSync(join(root, appDir), appDir, { recursive: true });
    expect(verify(units)).toEqual({ status: 0, output: '' });
    const electron = units.find((u) => u.endsWith('/motcua-kiosk-electron.service'))!;
    expect(settings(electron, 'Service', 'Restart')).toEqual(['always']);
    expect(settings(electron, 'Service', 'ExecStart')[0]).toBe(
      `/usr/bin/cage -d -- ${appDir}/app/motcua-kiosk.AppImage --ozone-platform=wayland --data-dir /var/lib/motcua-kiosk`,
    );
    expect(settings(electron, 'Unit', 'Conflicts')[0]).toContain('motcua-kiosk-browser.service');
  });
});
