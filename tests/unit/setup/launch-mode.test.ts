import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadKioskConfig } from '../../../src-main/app/load-config';
import { useTempDirs } from '../../fakes/temp-dir';

const tempDir = useTempDirs();

describe('when the set-up wizard opens (decision 0040)', () => {
  it('a data folder without config.json starts in set-up mode, unless --demo', () => {
    const dir = tempDir();
    expect(loadKioskConfig(['--data-dir', dir]).setupMode).toBe(true);
    const demo = loadKioskConfig(['--data-dir', dir, '--demo']);
    expect(demo.setupMode).toBe(false);
    expect(demo.config.terminal.id).toBe('KIOSK-01');
  });

  it('a configured terminal never does, with or without --demo', () => {
    const dir = tempDir();
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'config.json'), JSON.stringify({ terminal: { id: 'KIOSK-07' } }));
    expect(loadKioskConfig(['--data-dir', dir]).setupMode).toBe(false);
    expect(loadKioskConfig(['--data-dir', dir, '--demo']).config.terminal.id).toBe('KIOSK-07');
  });

  it('the Electron host passes --demo through among Chromium’s switches', () => {
    expect(loadKioskConfig(['--no-sandbox', '--data-dir', tempDir(), '--demo'], {}, { ignoreUnknownFlags: true }).setupMode).toBe(false);
  });
});
