import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { parseFaultFlag } from '../../src-portal/faults/fault';
import { today, usePortals, uuid, type TestPortal } from './harness';

const startPortal = usePortals();

const reserve = (p: TestPortal, token: string, key = uuid()) =>
  fetch(`${p.url}/v1/dossier-code-blocks`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': key },
    body: JSON.stringify({ day: today(), count: 1 }),
  });

async function statuses(seed: number): Promise<number[]> {
  const p = await startPortal({ seed, faults: [{ kind: '5xx', status: 503, rate: 0.5, path: '/v1/dossier-code-blocks' }] });
  const token = await p.enroll('K1');
  const out: number[] = [];
  for (let i = 0; i < 30; i += 1) out.push((await reserve(p, token)).status);
  return out;
}

describe('reference portal: fault injection', () => {
  it('fails at the given rate with seeded dice: the same seed gives the same sequence', async () => {
    const first = await statuses(42);
    const again = await statuses(42);
    const other = await statuses(43);
    expect(again).toEqual(first);
    expect(other).not.toEqual(first);
    const failed = first.filter((s) => s === 503).length;
    expect(failed).toBeGreaterThan(5);
    expect(failed).toBeLessThan(25);
    expect(first.every((s) => s === 503 || s === 201)).toBe(true);
  });

  it('429 carries Retry-After; 409 and 413 answer without touching the store; 5xx 502 is not JSON', async () => {
    const p = await startPortal();
    const token = await p.enroll('K1');
    for (const [fault, status] of [
      [{ kind: '429', retryAfter: 7 }, 429],
      [{ kind: '409' }, 409],
      [{ kind: '413' }, 413],
      [{ kind: '5xx', status: 502 }, 502],
    ] as const) {
      await p.admin('POST', '/admin/faults', { faults: [{ ...fault, times: 1 }] });
      const r = await reserve(p, token);
      expect(r.status).toBe(status);
      if (status === 429) expect(r.headers.get('retry-after')).toBe('7');
      if (status === 502) expect(r.headers.get('content-type')).toContain('text/html');
      expect((await reserve(p, token)).status).toBe(201);
    }
    // Only the four successful calls took codes: the faulted ones never reached the store.
    const next = (await (await reserve(p, token)).json()) as { codes: string[] };
    expect(next.codes[0]).toMatch(/-0005$/);
  });

  it('a reset before handling changes nothing; a reset after handling commits, and the retry is a replay', async () => {
    const p = await startPortal();
    const token = await p.enroll('K1');
    await p.admin('POST', '/admin/faults', { faults: [{ kind: 'reset', times: 1 }] });
    await expect(reserve(p, token)).rejects.toThrow();
    await p.admin('POST', '/admin/faults', { faults: [{ kind: 'reset', phase: 'after', times: 1 }] });
    const key = uuid();
    await expect(reserve(p, token, key)).rejects.toThrow();
    const retry = await reserve(p, token, key);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    const codes = ((await retry.json()) as { codes: string[] }).codes;
    // The first (reset-before) request took no code, so the committed one is the day's first.
    expect(codes[0]).toMatch(/-0001$/);
  });

  it('spoils the JSON of an answer after committing it, and slows a body down', async () => {
    const p = await startPortal();
    const token = await p.enroll('K1');
    await p.admin('POST', '/admin/faults', { faults: [{ kind: 'malformed-json', times: 1 }] });
    const key = uuid();
    const spoiled = await reserve(p, token, key);
    expect(spoiled.status).toBe(201);
    await expect(spoiled.json()).rejects.toThrow();
    expect((await reserve(p, token, key)).headers.get('idempotent-replayed')).toBe('true');

    await p.admin('POST', '/admin/faults', { faults: [{ kind: 'slow-body', bytesPerSecond: 1000, times: 1 }] });
    const started = Date.now();
    const slow = await fetch(`${p.url}/v1/dossiers/${uuid()}`, { headers: { authorization: `Bearer ${token}` } });
    const text = await slow.text();
    // At 1000 B/s a body of n bytes cannot arrive faster than n ms (lower bound only).
    expect(Date.now() - started).toBeGreaterThanOrEqual(text.length - 100);
    expect(JSON.parse(text)).toMatchObject({ error: { code: 'not_found' } });
  });

  it('adds latency, and the admin endpoint refuses a fault it does not know', async () => {
    const p = await startPortal({ faults: [{ kind: 'latency', ms: 300, path: '/v1/catalog' }] });
    const token = await p.enroll('K1');
    const started = Date.now();
    await fetch(`${p.url}/v1/catalog`, { headers: { authorization: `Bearer ${token}` } });
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    const bad = await p.admin('POST', '/admin/faults', { faults: [{ kind: 'flood' }] });
    expect(bad.status).toBe(400);
    expect(((await p.admin('GET', '/admin/faults')).json as { faults: unknown[] }).faults).toHaveLength(1);
  });

  it('parses --fault flags and explains bad ones', () => {
    expect(parseFaultFlag('5xx:rate=0.3,status=503,phase=after')).toMatchObject({ kind: '5xx', rate: 0.3, status: 503, phase: 'after' });
    expect(parseFaultFlag('drop-upload:after=65536,times=1')).toMatchObject({ kind: 'drop-upload', after: 65536, times: 1, rate: 1 });
    expect(() => parseFaultFlag('5xx:rate=2')).toThrow(/rate/);
    expect(() => parseFaultFlag('teleport')).toThrow(/--fault teleport/);
  });

  it('npm run portal starts a real process that prints PORTAL_URL and serves the API', async () => {
    const { mkdtempSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const dir = mkdtempSync(join(tmpdir(), 'portal-cli-'));
    const child = spawn(process.execPath, ['scripts/portal.mjs', '--port', '0', '--data-dir', dir, '--fault', 'latency:ms=1'], { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (c: Buffer) => {
          out += c.toString();
          const m = /PORTAL_URL=(\S+)/.exec(out);
          if (m?.[1]) resolve(m[1]);
        });
        child.on('exit', (code) => reject(new Error(`portal exited with ${code}`)));
      });
      const r = await fetch(`${url}/v1/catalog`);
      expect(r.status).toBe(401);
    } finally {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
