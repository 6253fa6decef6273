import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { mergeConfig, parseConfig, type KioskConfig } from '../../src-main/app/config';
import { assetsDir } from '../../src-main/app/paths';

/** The shipped demo center config, optionally overridden. */
export function demoConfig(override: unknown = {}): KioskConfig {
  const raw: unknown = JSON.parse(readFileSync(join(assetsDir(), 'demo-center.json'), 'utf8'));
  return parseConfig(mergeConfig(raw, override), 'test');
}
