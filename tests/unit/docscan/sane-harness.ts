import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { systemClock } from '../../../src-main/kernel/clock';
import { nodeSpawner } from '../../../src-main/devices/docscan/process-runner';
import { SaneScanner, type SaneScannerOptions } from '../../../src-main/devices/docscan/sane-scanner';

export const SANE_FIXTURES = join(import.meta.dirname, '../../fixtures/sane');

/** A SANE driver on the real `test` backend, configured from one of the fixture folders. */
export function saneScanner(configDir = SANE_FIXTURES, overrides: Partial<SaneScannerOptions> = {}) {
  const tempDir = mkdtempSync(join(tmpdir(), 'kiosk-scan-test-'));
  const scanner = new SaneScanner(
    { scanimagePath: 'scanimage', timeoutMs: 8_000, env: { ...process.env, SANE_CONFIG_DIR: configDir }, tempDir, killGraceMs: 300, ...overrides },
    nodeSpawner,
    systemClock,
  );
  return { scanner, tempDir };
}
