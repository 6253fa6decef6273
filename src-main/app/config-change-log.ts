import { createHash, randomBytes } from 'node:crypto';
import { logEvent } from '../kernel/log-events';
import type { Logger } from '../kernel/logger';

export interface ConfigSeenFs {
  readFileSync(path: string, encoding: 'utf8'): string;
  writeFileSync(path: string, data: string, options: { mode: number }): void;
}

interface Seen {
  salt: string;
  leaves: Record<string, string>;
}

/** Every leaf of the config as `a.b.c` → its value as JSON. */
function leavesOf(value: unknown, path = '', out: Record<string, string> = {}): Record<string, string> {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const [key, child] of Object.entries(value)) leavesOf(child, path ? `${path}.${key}` : key, out);
  } else out[path] = JSON.stringify(value) ?? 'undefined';
  return out;
}

const fingerprint = (salt: string, path: string, value: string) => createHash('sha256').update(`${salt}\0${path}\0${value}`).digest('hex').slice(0, 16);

/**
 * Logs `config.change` at start when the effective config differs from the one the previous start
 * saw (issue #21): the paths that changed, never their values (a token or a center's address may
 * be among them). `file` keeps only salted fingerprints of each value, owner-only.
 */
export function logConfigChange(logger: Logger, fs: ConfigSeenFs, file: string, config: unknown): void {
  let before: Seen | null = null;
  try {
    before = JSON.parse(fs.readFileSync(file, 'utf8')) as Seen;
  } catch {
    // First start, or an unreadable file: this start's config becomes the baseline.
  }
  const salt = typeof before?.salt === 'string' ? before.salt : randomBytes(16).toString('hex');
  const leaves = Object.fromEntries(Object.entries(leavesOf(config)).map(([path, value]) => [path, fingerprint(salt, path, value)]));
  if (before?.leaves) {
    const paths = new Set([...Object.keys(before.leaves), ...Object.keys(leaves)]);
    const changed = [...paths].filter((p) => before.leaves[p] !== leaves[p]).sort();
    if (changed.length > 0) logEvent(logger, 'info', 'config.change', { changed: changed.slice(0, 50), count: changed.length });
  }
  try {
    fs.writeFileSync(file, JSON.stringify({ salt, leaves } satisfies Seen), { mode: 0o600 });
  } catch (error) {
    logger.log('warn', 'config fingerprint not saved', { error: error instanceof Error ? error.message : String(error) });
  }
}
