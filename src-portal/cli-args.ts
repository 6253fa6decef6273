import { parseFaultFlag, type Fault } from './faults/fault';
import { portalDefaults, type PortalConfig } from './portal-config';

const usage = `npm run portal -- [--port N] [--host H] [--data-dir DIR] [--seed N] [--fault SPEC]...
  [--enrollment-token T]... [--admin-token T] [--agency CODE] [--center ID] [--catalog FILE]
  [--max-upload BYTES]
Faults: latency:ms=200 | 5xx:rate=0.3,status=503,phase=after | reset:rate=0.1,phase=after |
  429:retryAfter=2 | slow-body:bytesPerSecond=500 | malformed-json:rate=0.2 | 409 | 413 |
  drop-upload:after=65536 ; common keys: rate, times, path, method.`;

const isLoopback = (host: string): boolean => host === '127.0.0.1' || host === '::1' || host === 'localhost';

/** Turns argv into a config; throws an Error whose message is meant for the operator. */
export function parsePortalArgs(argv: readonly string[], defaults: { dataDir: string; catalogFile: string }): PortalConfig {
  const tokens: string[] = [];
  const faults: Fault[] = [];
  const config: PortalConfig = { ...portalDefaults, ...defaults, enrollmentTokens: portalDefaults.enrollmentTokens, faults };
  for (let i = 0; i < argv.length; i += 1) {
    const flag = argv[i] ?? '';
    if (flag === '--help' || flag === '-h') throw new Error(usage);
    const value = argv[i + 1];
    if (value === undefined || value.startsWith('--')) throw new Error(`${flag} needs a value.\n${usage}`);
    i += 1;
    const int = (): number => {
      const n = Number(value);
      if (!Number.isSafeInteger(n) || n < 0) throw new Error(`${flag} needs a whole number, got "${value}".`);
      return n;
    };
    switch (flag) {
      case '--port':
        config.port = int();
        break;
      case '--host':
        config.host = value;
        break;
      case '--data-dir':
        config.dataDir = value;
        break;
      case '--seed':
        config.seed = int();
        break;
      case '--fault':
        faults.push(parseFaultFlag(value));
        break;
      case '--enrollment-token':
        if (value.length < 8) throw new Error('--enrollment-token needs at least 8 characters.');
        tokens.push(value);
        break;
      case '--admin-token':
        config.adminToken = value;
        break;
      case '--agency':
        if (!/^[0-9A-Z.]{1,35}$/.test(value)) throw new Error('--agency is up to 35 characters of 0-9, A-Z and dots.');
        config.agencyCode = value;
        break;
      case '--center':
        config.centerId = value;
        break;
      case '--catalog':
        config.catalogFile = value;
        break;
      case '--max-upload':
        config.maxUploadBytes = int();
        break;
      default:
        throw new Error(`Unknown flag ${flag}.\n${usage}`);
    }
  }
  if (tokens.length > 0) config.enrollmentTokens = tokens;
  if (!isLoopback(config.host) && !config.adminToken)
    throw new Error(`The portal listens on ${config.host}, beyond loopback: give --admin-token to protect /admin.`);
  return config;
}
