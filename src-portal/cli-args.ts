import { parseFaultFlag, type Fault } from './faults/fault';
import { portalDefaults, type PortalConfig } from './portal-config';

const usage = `npm run portal -- [--port N] [--host H] [--data-dir DIR] [--seed N] [--fault SPEC]...
  [--enrollment-token T]... [--admin-token T] [--agency CODE] [--center ID] [--catalog FILE]
  [--max-upload BYTES] [--public-url URL] [--enrollment-token-hours N] [--updates-dir DIR]
Faults: latency:ms=200 | 5xx:rate=0.3,status=503,phase=after | reset:rate=0.1,phase=after |
  429:retryAfter=2 | slow-body:bytesPerSecond=500 | malformed-json:rate=0.2 | 409 | 413 |
  drop-upload:after=65536 ; common keys: rate, times, path, method.`;

const isLoopback = (host: string): boolean => host === '127.0.0.1' || host === '::1' || host === 'localhost';

/** Turns argv into a config; throws an Error whose message is meant for the operator. */
export function parsePortalArgs(argv: readonly string[], defaults: { dataDir: string; catalogFile: string }): PortalConfig {
  const tokens: string[] = [];
  const faults: Fault[] = [];
  const config: PortalConfig = { ...portalDefaults, ...defaults, enrollmentTokens: portalDefaults.enrollmentTokens, faults };
  const int = (flag: string, value: string): number => {
    const n = Number(value);
    if (!Number.isSafeInteger(n) || n < 0) throw new Error(`${flag} needs a whole number, got "${value}".`);
    return n;
  };
  const flags: Record<string, (value: string, flag: string) => void> = {
    '--port': (v, f) => { config.port = int(f, v); },
    '--host': (v) => { config.host = v; },
    '--data-dir': (v) => { config.dataDir = v; },
    '--seed': (v, f) => { config.seed = int(f, v); },
    '--fault': (v) => { faults.push(parseFaultFlag(v)); },
    '--enrollment-token': (v) => {
      if (v.length < 8) throw new Error('--enrollment-token needs at least 8 characters.');
      tokens.push(v);
    },
    '--admin-token': (v) => { config.adminToken = v; },
    '--agency': (v) => {
      if (!/^[0-9A-Z.]{1,35}$/.test(v)) throw new Error('--agency is up to 35 characters of 0-9, A-Z and dots.');
      config.agencyCode = v;
    },
    '--center': (v) => { config.centerId = v; },
    '--catalog': (v) => { config.catalogFile = v; },
    '--max-upload': (v, f) => { config.maxUploadBytes = int(f, v); },
    '--public-url': (v) => {
      if (!URL.canParse(v) || !/^https?:$/.test(new URL(v).protocol)) throw new Error(`--public-url needs an http(s) URL, got "${v}".`);
      config.publicUrl = v.replace(/\/+$/, '');
    },
    '--enrollment-token-hours': (v, f) => {
      const hours = int(f, v);
      if (hours < 1 || hours > 24 * 30) throw new Error('--enrollment-token-hours is from 1 to 720 (30 days).');
      config.enrollmentTokenHours = hours;
    },
    '--updates-dir': (v) => { config.updatesDir = v; },
  };
  for (let i = 0; i < argv.length; i += 2) {
    const flag = argv[i] ?? '';
    if (flag === '--help' || flag === '-h') throw new Error(usage);
    const value = argv[i + 1];
    if (value === undefined || value.startsWith('--')) throw new Error(`${flag} needs a value.\n${usage}`);
    const apply = Object.hasOwn(flags, flag) ? flags[flag] : undefined;
    if (!apply) throw new Error(`Unknown flag ${flag}.\n${usage}`);
    apply(value, flag);
  }
  if (tokens.length > 0) config.enrollmentTokens = tokens;
  if (!isLoopback(config.host) && !config.adminToken)
    throw new Error(`The portal listens on ${config.host}, beyond loopback: give --admin-token to protect /admin.`);
  return config;
}
