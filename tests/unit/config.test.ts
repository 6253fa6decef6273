import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src-main/app/config';
import { loadKioskConfig, parseLaunchFlags } from '../../src-main/app/load-config';
import { useTempDirs } from '../fakes/temp-dir';

const tempDir = useTempDirs();

describe('configuration', () => {
  it('runs on the embedded demo defaults: six services, Vietnamese first', () => {
    const { config } = loadKioskConfig(['--data-dir', tempDir()]);
    expect(config.language).toBe('vi');
    expect(config.center.timeZone).toBe('Asia/Ho_Chi_Minh');
    expect(config.queue.services.map((s) => s.name.vi)).toEqual([
      'Đất đai',
      'Hộ tịch',
      'Tư pháp – Chứng thực',
      'Đăng ký kinh doanh',
      'Lao động – Thương binh và Xã hội',
      'Xây dựng',
    ]);
  });

  it('overlays config.json from the data folder', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'config.json'), JSON.stringify({ terminal: { id: 'KIOSK-07' }, idle: { timeoutSeconds: 90 } }));
    const { config } = loadKioskConfig(['--data-dir', dir]);
    expect(config.terminal.id).toBe('KIOSK-07');
    expect(config.idle.timeoutSeconds).toBe(90);
    expect(config.idle.warningSeconds).toBe(20);
    expect(config.devices.speech.driver).toBe('virtual');
  });

  it('refuses an idle warning shorter than the 20 s WCAG 2.2.1 asks for', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'config.json'), JSON.stringify({ idle: { warningSeconds: 10 } }));
    expect(() => loadKioskConfig(['--data-dir', dir])).toThrow(/idle\.warningSeconds/);
  });

  it('stops with a message naming the bad field and what it expects', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'config.json'), JSON.stringify({ printer: { paperWidthDots: 500 }, queue: { services: [] } }));
    const error = (() => {
      try {
        loadKioskConfig(['--data-dir', dir]);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    expect(message).toContain(join(dir, 'config.json'));
    expect(message).toMatch(/printer\.paperWidthDots: .*(576|384)/);
    expect(message).toMatch(/queue\.services: at least one service/);
  });

  it('names a config file that is not JSON', () => {
    const dir = tempDir();
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'config.json'), '{ not json');
    expect(() => loadKioskConfig(['--data-dir', dir])).toThrow(/Cannot read configuration .*config\.json/);
  });

  it('validates command-line flags', () => {
    expect(parseLaunchFlags(['--web', '--no-open', '--port', '8080', '--data-dir', '/tmp/x'])).toEqual({
      web: true,
      open: false,
      port: 8080,
      dataDir: '/tmp/x',
      provision: null,
      terminalId: null,
      demo: false,
    });
    expect(parseLaunchFlags(['--provision', '/tmp/p.json', '--terminal-id', 'kiosk-07'])).toMatchObject({ provision: '/tmp/p.json', terminalId: 'kiosk-07' });
    expect(() => parseLaunchFlags(['--port', 'abc'])).toThrow(/--port: expected a whole number from 0 to 65535/);
    expect(() => parseLaunchFlags(['--port', '70000'])).toThrow(/--port/);
    expect(() => parseLaunchFlags(['--colour'])).toThrow(/Invalid command line/);
    // Electron passes Chromium's switches through; the Electron host ignores those it does not know.
    expect(parseLaunchFlags(['--no-sandbox', '--port', '9', '--enable-logging=stderr'], {}, { ignoreUnknownFlags: true }).port).toBe(9);
    expect(() => parseLaunchFlags(['--port', 'x', '--no-sandbox'], {}, { ignoreUnknownFlags: true })).toThrow(/--port/);
  });
});

describe('printer through the system spooler', () => {
  it('reads the spooler block, and the browser host refuses to start on it with a message naming the field', async () => {
    const dir = tempDir();
    writeFileSync(
      join(dir, 'config.json'),
      JSON.stringify({ printer: { driver: 'spooler', spooler: { deviceName: 'EPSON_TM_T82III', paper: { kind: 'sheet', size: 'A5' } } } }),
    );
    const { config } = loadKioskConfig(['--data-dir', dir]);
    expect(config.printer.spooler).toEqual({ deviceName: 'EPSON_TM_T82III', paper: { kind: 'sheet', size: 'A5' } });
    const { createKioskCore } = await import('../../src-main/app/composition-root');
    const { createMemoryLogger } = await import('../../src-main/kernel/logger');
    await expect(
      createKioskCore({ dataDir: dir, config, host: 'web', version: 't', clock: { now: () => new Date() }, logger: createMemoryLogger() }),
    ).rejects.toThrow(/printer\.driver: "spooler" needs the Electron host/);
  });

  it('rejects a roll width the printers do not have', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'config.json'), JSON.stringify({ printer: { driver: 'spooler', spooler: { paper: { kind: 'roll', widthMm: 70 } } } }));
    expect(() => loadKioskConfig(['--data-dir', dir])).toThrow(ConfigError);
  });
});
