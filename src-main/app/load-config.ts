import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigError, mergeConfig, parseConfig, type KioskConfig } from './config';
import { assetsDir, defaultDataDir } from './paths';
import { CENTRAL_CONFIG_FILE, readCentralLayer } from './central-config-file';
import { migrateLocalConfig } from './config-version';
import { centralSettings } from '../../src-shared/central-config';

export interface LaunchFlags {
  web: boolean;
  open: boolean;
  port: number;
  dataDir: string;
  /** `--provision FILE`: apply a provisioning profile to the data dir and stop (issue #19). */
  provision: string | null;
  /** `--terminal-id ID`: which terminal of the profile this is (else matched by hostname). */
  terminalId: string | null;
  /**
   * `--demo`: a data folder without config.json runs the embedded demo center (`npm start`, the
   * tests). Without it such a terminal starts in set-up mode: the wizard (issue #19, decision 0040).
   */
  demo: boolean;
}

const KNOWN = ['--web', '--no-open', '--port', '--data-dir', '--provision', '--terminal-id', '--demo'];

export interface LoadedConfig {
  config: KioskConfig;
  dataDir: string;
  flags: LaunchFlags;
  /** No config.json and no --demo: the kiosk runs the set-up wizard (on the embedded defaults' virtual devices). */
  setupMode: boolean;
}

export interface ParseOptions {
  /** Electron and Chromium add switches of their own (--no-sandbox, --enable-logging, ...). */
  ignoreUnknownFlags?: boolean;
}

/** Command-line flags; unknown flags and bad values stop start-up with a message naming them. */
export function parseLaunchFlags(
  argv: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
  options: ParseOptions = {},
): LaunchFlags {
  const lenient = options.ignoreUnknownFlags ?? false;
  let values;
  try {
    ({ values } = parseArgs({
      args: lenient ? argv.filter((a) => KNOWN.some((k) => a === k || a.startsWith(`${k}=`)) || !a.startsWith('--')) : [...argv],
      options: {
        web: { type: 'boolean', default: false },
        'no-open': { type: 'boolean', default: false },
        port: { type: 'string' },
        'data-dir': { type: 'string' },
        provision: { type: 'string' },
        'terminal-id': { type: 'string' },
        demo: { type: 'boolean', default: false },
      },
      strict: true,
      allowPositionals: lenient,
    }));
  } catch (error) {
    throw new ConfigError(`Invalid command line: ${(error as Error).message}`);
  }
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ConfigError(`Invalid command line:\n  --port: expected a whole number from 0 to 65535, got "${values.port}"`);
  }
  return {
    web: values.web ?? false,
    open: !(values['no-open'] ?? false),
    port,
    dataDir: resolve(values['data-dir'] ?? defaultDataDir(env)),
    provision: values.provision === undefined ? null : resolve(values.provision),
    terminalId: values['terminal-id'] ?? null,
    demo: values.demo ?? false,
  };
}

/** The embedded demo center (assets/demo-center.json) every configuration is laid over. */
export const embeddedDefaults = (): unknown => readJson(join(assetsDir(), 'demo-center.json'));

/** Embedded demo defaults from assets/, overlaid by `<data dir>/config.json` when present. */
export function loadKioskConfig(
  argv: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
  options: ParseOptions = {},
): LoadedConfig {
  const flags = parseLaunchFlags(argv, env, options);
  const local = localConfigLayers(flags.dataDir);
  // No config.json: a terminal to set up, unless --demo asks for the embedded demo center (decision 0040).
  return { config: withCentralLayer(local, flags.dataDir), dataDir: flags.dataDir, flags, setupMode: !local.present && !flags.demo };
}

/** Embedded defaults < `<data dir>/config.json` (upgraded to this kiosk's format), not yet validated. */
export function localConfigLayers(dataDir: string): { raw: unknown; source: string; present: boolean } {
  const overrideFile = join(dataDir, 'config.json');
  const override = existsSync(overrideFile) ? migrateLocalConfig(readJson(overrideFile), overrideFile) : undefined;
  return { raw: mergeConfig(embeddedDefaults(), override), source: override === undefined ? 'embedded demo defaults' : overrideFile, present: override !== undefined };
}

/**
 * The local layers, then the last good central configuration over them (decision 0041). A central
 * file that is damaged, or no longer fits the local settings, is left out here; the core that
 * starts sees the same file and raises the staff alert. A bad local configuration still stops start-up.
 */
function withCentralLayer(local: { raw: unknown; source: string }, dataDir: string): KioskConfig {
  const config = parseConfig(local.raw, local.source);
  const central = readCentralLayer(dataDir);
  if (central.state !== 'ok') return config;
  try {
    return parseConfig(mergeConfig(local.raw, centralSettings(central.document)), `${local.source} with ${CENTRAL_CONFIG_FILE}`);
  } catch {
    return config;
  }
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ConfigError(`Cannot read configuration ${file}: ${(error as Error).message}`);
  }
}
