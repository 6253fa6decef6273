import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { networkError } from '../../../src-main/sync/portal-error';
import { requestFetch } from '../../../src-main/sync/request-fetch';

const servers: Server[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await new Promise((r) => s.close(r));
});

async function serve(handler: Parameters<typeof createServer>[1]): Promise<string> {
  const server = createServer(handler);
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('requestFetch (the kiosk transport)', () => {
  it('sends method, headers and bytes, and answers a standard Response (status, headers, JSON; no body for 204 and HEAD)', async () => {
    const seen: { method?: string; auth?: string; body?: string }[] = [];
    const url = await serve((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        seen.push({ method: req.method, auth: req.headers['authorization'], body: Buffer.concat(chunks).toString() });
        if (req.url === '/empty') return res.writeHead(204).end();
        res.writeHead(201, { 'content-type': 'application/json', 'upload-offset': '5' }).end(req.method === 'HEAD' ? undefined : '{"ok":true}');
      });
    });
    const http = requestFetch();
    try {
      const res = await http.fetch(new URL('/v1/uploads', url), { method: 'POST', headers: { authorization: 'Bearer t' }, body: new Uint8Array([104, 101, 108, 108, 111]) });
      expect([res.status, res.ok, res.headers.get('upload-offset'), await res.json()]).toEqual([201, true, '5', { ok: true }]);
      expect(seen[0]).toEqual({ method: 'POST', auth: 'Bearer t', body: 'hello' });
      expect((await http.fetch(new URL('/empty', url))).status).toBe(204);
      const head = await http.fetch(new URL('/x', url), { method: 'HEAD' });
      expect([head.status, await head.text()]).toEqual([201, '']);
    } finally {
      await http.close();
    }
  });

  it('a refused connection is "unreachable", a timeout too, and a reset mid-answer is a transient failure', async () => {
    const http = requestFetch();
    try {
      const closed = await serve(() => undefined);
      await new Promise((r) => servers.pop()?.close(r));
      const refused = await http.fetch(new URL('/x', closed)).catch((e: unknown) => e);
      expect(networkError(refused, 'GET /x').kind).toBe('unreachable');

      const silent = await serve(() => undefined);
      const timedOut = await http.fetch(new URL('/x', silent), { signal: AbortSignal.timeout(100) }).catch((e: unknown) => e);
      expect(networkError(timedOut, 'GET /x').kind).toBe('unreachable');

      const resetting = await serve((req) => req.socket.destroy());
      const reset = await http.fetch(new URL('/x', resetting), { method: 'POST', body: 'x' }).catch((e: unknown) => e);
      expect(networkError(reset, 'POST /x').kind).toBe('transient');
    } finally {
      await http.close();
    }
  });
});
