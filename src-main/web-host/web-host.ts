import type { RenderProofState, RenderVerdict } from '../devices/display/render-proof';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { fail } from '../../src-shared/errors';
import type { Dispatcher } from '../app/dispatcher';
import type { EventBus } from '../kernel/event-bus';
import type { Logger } from '../kernel/logger';
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
  /** Log exports an IT session asked to download (decision 0030); none when absent. */
  downloads?: DownloadSource;
  /** The render proof for `GET /healthz` (the Linux watchdog); 404 when absent. */
  liveness?: LivenessSource;
}

/** Whether the kiosk's screen is proven painted now (decision 0037). */
export type LivenessSource = () => { verdict: RenderVerdict; proof: RenderProofState | null };

/** A log export behind a one-shot token: the token, handed only to an IT session, is the authorization. */
export interface DownloadSource {
  take(token: string): Promise<{ fileName: string; bytes: Buffer } | null>;
}

const EXPORT_PATH = /^\/exports\/([A-Za-z0-9_-]{43})$/;

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
    if (req.url === '/healthz' && options.liveness) {
      // No secret needed, nothing personal: the screen's testid and how old its proof is.
      const { verdict, proof } = options.liveness();
      res.writeHead(verdict === 'not-rendering' ? 503 : 200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      res.end(req.method === 'HEAD' ? undefined : JSON.stringify({ verdict, ...(proof ? { screen: proof.screen, ageSeconds: proof.ageSeconds } : {}) }));
      return;
    }
    const exportToken = EXPORT_PATH.exec(req.url ?? '')?.[1];
    if (exportToken !== undefined && options.downloads) {
      serveExport(options.downloads, exportToken, req.method === 'HEAD', res);
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
    // Node takes its own error listener off an upgraded socket: a reset while we answer would
    // otherwise be an uncaught 'error' event.
    socket.on('error', () => socket.destroy());
    try {
      if (!isAllowedUpgrade(req, origin, secret)) {
        options.logger.log('warn', 'web host refused a connection', { origin: clip(req.headers.origin) });
        socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
        return;
      }
      // ws answers a bad Sec-WebSocket-Key, version or method itself, with 400.
      wss.handleUpgrade(req, socket, head, (ws) => serveSocket(ws, options));
    } catch (error) {
      options.logger.log('warn', 'web host dropped a malformed upgrade', { error: describe(error) });
      socket.destroy();
    }
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

/** One download per token; an unknown, used or expired token is a plain 404 (the URL is never logged). */
function serveExport(downloads: DownloadSource, token: string, head: boolean, res: ServerResponse): void {
  // HEAD must not spend the one-shot token.
  if (head) {
    res.writeHead(405).end();
    return;
  }
  downloads.take(token).then(
    (found) => {
      if (!found) {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
        return;
      }
      res.writeHead(200, {
        'content-type': 'application/zip',
        'content-disposition': `attachment; filename="${found.fileName}"`,
        'content-length': String(found.bytes.length),
        'x-content-type-options': 'nosniff',
        'cache-control': 'no-store',
      });
      res.end(found.bytes);
    },
    () => res.writeHead(500).end(),
  );
}

function isAllowedUpgrade(req: IncomingMessage, origin: string, secret: string): boolean {
  if (req.headers.origin !== origin) return false;
  let url: URL;
  try {
    url = new URL(req.url ?? '/', origin);
  } catch {
    return false; // `//`, `//[`, `http://[::` …: not our page, whatever it is
  }
  if (url.origin !== origin || url.pathname !== '/kiosk') return false;
  const given = Buffer.from(url.searchParams.get('k') ?? '');
  const expected = Buffer.from(secret);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

function serveSocket(ws: WebSocket, options: WebHostOptions): void {
  const { logger } = options;
  const send = (message: unknown) => {
    if (ws.readyState !== ws.OPEN) return;
    try {
      ws.send(JSON.stringify(message));
    } catch (error) {
      logger.log('error', 'web host could not send a message', { error: describe(error) });
    }
  };
  const unsubscribe = options.events.subscribe((event, payload) => send({ event, payload }));
  ws.on('close', unsubscribe);
  ws.on('error', () => ws.terminate());
  ws.on('message', (data, isBinary) => {
    const id = requestId(data, isBinary);
    if (id === null) {
      ws.close(1003, 'Malformed message');
      return;
    }
    const { method, request } = id.message;
    // The dispatcher answers every request with a reply; should it throw or reject all the same,
    // the page still gets an answer and the process goes on.
    void Promise.resolve()
      .then(() => options.dispatcher.dispatch(method, request))
      .catch((error: unknown) => {
        logger.log('error', 'dispatch failed', { error: describe(error) });
        return fail('internal', 'The kiosk hit an unexpected error. Please ask the staff for help.');
      })
      .then((reply) => send({ id: id.value, reply }));
  });
}

/** The request's id and fields, or null for anything that is not `{id: safe integer, …}`. */
function requestId(data: RawData, isBinary: boolean): { value: number; message: { method?: unknown; request?: unknown } } | null {
  if (isBinary) return null;
  let message: unknown;
  try {
    message = JSON.parse(data.toString());
  } catch {
    return null; // not JSON, or nested too deep for the parser
  }
  if (typeof message !== 'object' || message === null || Array.isArray(message)) return null;
  const { id } = message as { id?: unknown };
  if (typeof id !== 'number' || !Number.isSafeInteger(id)) return null;
  return { value: id, message: message as { method?: unknown; request?: unknown } };
}

const clip = (text: string | undefined): string | null => (text === undefined ? null : text.slice(0, 200));

const describe = (error: unknown): string => (error instanceof Error ? (error.stack ?? error.message) : typeof error);
