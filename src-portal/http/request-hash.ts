import { createHash } from 'node:crypto';

/** JSON with sorted keys: the same request re-sent with another key order hashes the same. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object')
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(value) ?? 'null';
}

/** What an Idempotency-Key is bound to: the operation and its (canonical) request. */
export const requestHash = (operation: string, body: unknown): string =>
  createHash('sha256').update(`${operation}\n${canonicalJson(body)}`).digest('hex');
