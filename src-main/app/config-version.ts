import { ConfigError } from './config';

/**
 * The format of `<data dir>/config.json` this kiosk writes and reads (decision 0041). A file
 * without `configVersion` is version 1. An upgrade that changes the file's shape adds a step
 * here, so a file an older kiosk wrote still loads; a file from a newer kiosk is named, not guessed at.
 */
export const LOCAL_CONFIG_VERSION = 1;

type Doc = Record<string, unknown>;

/** Upgrades from version N to N + 1, keyed by N. None yet: version 1 is the first format. */
export const LOCAL_CONFIG_UPGRADES: Readonly<Record<number, (doc: Doc) => Doc>> = {};

/**
 * A config.json's content at the current format, without `configVersion` (the kiosk schema does
 * not carry it). `upgrades` and `current` are parameters so the chain itself is tested.
 */
export function migrateLocalConfig(
  raw: unknown,
  file: string,
  upgrades: Readonly<Record<number, (doc: Doc) => Doc>> = LOCAL_CONFIG_UPGRADES,
  current: number = LOCAL_CONFIG_VERSION,
): unknown {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return raw;
  const { configVersion = 1, ...rest } = raw as Doc;
  if (typeof configVersion !== 'number' || !Number.isInteger(configVersion) || configVersion < 1) {
    throw new ConfigError(`Invalid configuration (${file}):\n  configVersion: expected a whole number from 1 to ${current}`);
  }
  if (configVersion > current) {
    throw new ConfigError(
      `Invalid configuration (${file}):\n  configVersion: ${configVersion} is newer than this kiosk understands (${current}); update the kiosk`,
    );
  }
  let doc: Doc = rest;
  for (let v = configVersion; v < current; v++) {
    const step = upgrades[v];
    if (!step) throw new ConfigError(`Invalid configuration (${file}):\n  configVersion: no upgrade from ${v}`);
    doc = step(doc);
  }
  return doc;
}
