import { mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import * as fsPromises from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LogExport } from '../../../src-main/diagnostics/log-export';
import type { Diagnostics } from '../../../src-shared/diagnostics';
import { FixedClock } from '../../fakes/fixed-clock';
import { useTempDirs } from '../../fakes/temp-dir';
import { readZip } from './read-zip';

const tempDir = useTempDirs();

describe('LogExport: the zip stays within its size cap', () => {
  it('carries the newest log files that fit and names the older ones it left out', async () => {
    const logDir = join(tempDir(), 'logs');
    mkdirSync(logDir);
    const days = ['2026-12-03', '2026-12-04', '2026-12-05', '2026-12-06'];
    days.forEach((day, i) => {
      const file = join(logDir, `kiosk-${day}.log`);
      writeFileSync(file, `${'x'.repeat(999)}\n`);
      const at = new Date(Date.UTC(2026, 11, 3 + i, 23));
      utimesSync(file, at, at);
    });
    writeFileSync(join(logDir, 'notes.txt'), 'not a log');
    const exporter = new LogExport({
      clock: new FixedClock(new Date('2026-12-06T10:00:00Z')),
      fs: fsPromises,
      terminalId: 'KIOSK 01/x',
      logDir,
      config: { sync: { enrollmentToken: 'secret-token' } },
      diagnostics: async () => ({ versions: { schema: 7 } }) as Diagnostics,
      maxLogBytes: 2500,
    });
    const { fileName, bytes } = await exporter.build();
    expect(fileName).toBe('motcua-diagnostics-KIOSK_01_x-20261206T100000Z.zip');
    const entries = await readZip(bytes);
    expect([...entries.keys()].sort()).toEqual([
      'config-redacted.json',
      'diagnostics.json',
      'logs-left-out.txt',
      'logs/kiosk-2026-12-05.log',
      'logs/kiosk-2026-12-06.log',
      'schema-version.txt',
    ]);
    expect(entries.get('logs-left-out.txt')?.toString()).toContain('kiosk-2026-12-03.log\nkiosk-2026-12-04.log');
    expect(entries.get('config-redacted.json')?.toString()).not.toContain('secret-token');
    expect(entries.get('schema-version.txt')?.toString()).toBe('7\n');
  });
});
