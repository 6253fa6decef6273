import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Dispatcher } from '../app/dispatcher';
import type { EventBus } from '../app/event-bus';
import type { Logger } from '../app/logger';
import { readStatic } from './static-files';

export const WEB_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self' data:; " +
  "connect-src 'self' ws://127.0.0.1:*; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** Larger messages are refused before parsing: the renderer is untrusted. */
const MAX_MESSAGE_BYTES = 1024 * 1024;

/** What the web host needs of the core: one way in, one way out. */
export type RequestHandler = Pick<Dispatcher, 'dispatch'>;
export type EventSource = Pick<EventBus, 'subscribe'>;

export interface WebHostOptions {
  rendererDir: string;
  dispatcher: RequestHandler;
  events: EventSource;
  logger: Logger;
  port: number;
  /** Fixed in tests; a fresh random secret per launch otherwise. */
  secret?: string;
}

export interface WebHost {
  readonly url: string;
  readonly origin: string;
  close(): Promise<void>;
}

/**
 * The browser host: serves the built renderer on 127.0.0.1 and carries the contract over one
 * WebSocket. Only a page from this origin that knows the per-launch secret may connect.
 */
export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const secret = options.secret ?? randomBytes(24).toString('base64url');
  const server: Server = createServer((req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405).end();
      return;
    }
    readStatic(options.rendererDir, req.url ?? '/').then(
      (file) => {
        if (!file) {
          res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
          return;
        }
        res.writeHead(200, {
          'content-type': file.type,
          'content-security-policy': WEB_CSP,
          'x-content-type-options': 'nosniff',
          'cache-control': 'no-cache',
        });
        res.end(req.method === 'HEAD' ? undefined : file.body);
      },
      () => res.writeHead(500).end(),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;

  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  server.on('upgrade', (req, socket, head) => {
    if (!isAllowedUpgrade(req, origin, secret)) {
      options.logger.log('warn', 'web host refused a connection', { origin: req.headers.origin ?? null });
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => serveSocket(ws, options));
  });

  return {
    url: `${origin}/#k=${secret}`,
    origin,
    async close() {
      for (const client of wss.clients) client.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function isAllowedUpgrade(req: IncomingMessage, origin: string, secret: string): boolean {
  const url = new URL(req.url ?? '/', origin);
  if (url.pathname !== '/kiosk' || req.headers.origin !== origin) return false;
  const given = Buffer.from(url.searchParams.get('k') ?? '');
  const expected = Buffer.from(secret);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

function serveSocket(ws: WebSocket, options: WebHostOptions): void {
  const unsubscribe = options.events.subscribe((event, payload) => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ event, payload }));
  });
  ws.on('close', unsubscribe);
  ws.on('error', () => ws.terminate());
  ws.on('message', (data, isBinary) => {
    let message: unknown;
    try {
      message = isBinary ? undefined : JSON.parse(data.toString());
    } catch {
      message = undefined;
    }
    const id = typeof message === 'object' && message !== null ? (message as { id?: unknown }).id : undefined;
    if (typeof id !== 'number' || !Number.isSafeInteger(id)) {
      ws.close(1003, 'Malformed message');
      return;
    }
    const { method, request } = message as { method?: unknown; request?: unknown };
    void options.dispatcher.dispatch(method, request).then((reply) => {
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ id, reply }));
    });
  });
}
