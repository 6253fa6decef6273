import { Agent, createServer, request, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One HTTP exchange as it crossed the wire, bytes and all. */
export interface Exchange {
  seq: number;
  method: string;
  /** Path with query, as the client sent it. */
  url: string;
  requestHeaders: Record<string, string>;
  requestBody: Buffer;
  /** Absent when the portal cut the connection before answering (a dropped upload, a reset). */
  response?: { status: number; headers: Record<string, string>; body: Buffer; complete: boolean };
}

export interface RecordingProxy {
  url: string;
  exchanges: Exchange[];
  close(): Promise<void>;
}

/**
 * A loopback proxy between the kiosk's client and the portal: it forwards every byte both ways as
 * it arrives (so drops and resets reach the client as they would directly) and keeps a copy, so a
 * test can check what really crossed the wire instead of what a mock was told.
 */
export async function startRecordingProxy(upstream: string, options: { dateOffsetMs?: () => number } = {}): Promise<RecordingProxy> {
  const target = new URL(upstream);
  const agent = new Agent({ keepAlive: true });
  const exchanges: Exchange[] = [];
  // `notFound`: paths answered 404 as a portal that does not have them would (an older API).
  const server = createServer(forward);
  /** The portal's Date header moved by `dateOffsetMs` (a portal whose clock is off the kiosk's). */
  const dated = (raw: string[]): string[] => {
    const offset = options.dateOffsetMs?.() ?? 0;
    return raw.map((v, i) => (i % 2 === 1 && raw[i - 1]?.toLowerCase() === 'date' && offset !== 0 ? new Date(Date.parse(v) + offset).toUTCString() : v));
  };

  function forward(req: IncomingMessage, res: ServerResponse): void {
    const exchange: Exchange = {
      seq: exchanges.length,
      method: req.method ?? 'GET',
      url: req.url ?? '/',
      requestHeaders: flat(req.headers),
      requestBody: Buffer.alloc(0),
    };
    exchanges.push(exchange);
    const sent: Buffer[] = [];
    const up = request({ agent, host: target.hostname, port: target.port, method: exchange.method, path: exchange.url, headers: req.headers });
    // A portal that cuts the connection must look the same to the client: cut it too.
    const cut = (): void => {
      exchange.requestBody = Buffer.concat(sent);
      req.socket.destroy();
    };
    up.on('error', cut);
    req.on('data', (chunk: Buffer) => {
      sent.push(chunk);
      up.write(chunk);
    });
    req.on('end', () => {
      exchange.requestBody = Buffer.concat(sent);
      up.end();
    });
    req.on('close', () => {
      if (!req.complete) up.destroy();
    });
    up.on('response', (upRes) => {
      const got: Buffer[] = [];
      const response = { status: upRes.statusCode ?? 0, headers: flat(upRes.headers), body: Buffer.alloc(0), complete: false };
      exchange.response = response;
      res.writeHead(response.status, dated(upRes.rawHeaders));
      upRes.on('data', (chunk: Buffer) => {
        got.push(chunk);
        res.write(chunk);
      });
      upRes.on('end', () => {
        response.body = Buffer.concat(got);
        response.complete = true;
        res.end();
      });
      upRes.on('error', () => {
        response.body = Buffer.concat(got);
        res.destroy();
      });
    });
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    exchanges,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      agent.destroy();
    },
  };
}

function flat(headers: IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) if (v !== undefined) out[k] = Array.isArray(v) ? v.join(', ') : v;
  return out;
}
