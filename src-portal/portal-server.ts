import { mkdirSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { handleAdmin } from './admin/admin-routes';
import { queuePage } from './public/queue-page';
import { openPortalDb } from './db/open-portal-db';
import type { Fault } from './faults/fault';
import { FaultPlan } from './faults/fault-plan';
import { injectBefore, send, sendWithFault } from './faults/fault-replies';
import { CatalogState } from './handlers/catalog-state';
import type { PortalDeps } from './handlers/context';
import { ApiError, internalError } from './http/api-error';
import { authenticate } from './http/auth';
import { errorReply, readBody, type Reply } from './http/http-io';
import { routerOf, type Router } from './http/router';
import type { PortalConfig } from './portal-config';
import { isUploadBytes, portalRoutes } from './routes';
import { loadSpec } from './spec/load-spec';
import { SpecValidator } from './spec/spec-validator';
import { serveUpdate } from './updates/serve-updates';

export interface PortalEnv {
  clock: () => Date;
  log: (line: string) => void;
  newId: () => string;
  newSecret: () => string;
}

/**
 * The reference portal: the Kiosk Sync API over node:http (routes.ts), SQLite and one plain file
 * per upload behind it (decision 0026), faults in front, the admin page beside it.
 */
export class PortalServer {
  readonly deps: PortalDeps;
  readonly faults: FaultPlan;
  private readonly route: Router;
  private readonly server: Server;
  private listeningAt: string | null = null;

  constructor(
    readonly config: PortalConfig,
    private readonly env: PortalEnv,
  ) {
    const uploadsDir = join(config.dataDir, 'uploads');
    mkdirSync(uploadsDir, { recursive: true });
    const diagnosticsDir = join(config.dataDir, 'diagnostics');
    mkdirSync(diagnosticsDir, { recursive: true });
    const updatesDir = config.updatesDir ?? join(config.dataDir, 'updates');
    mkdirSync(updatesDir, { recursive: true });
    const db = openPortalDb(join(config.dataDir, 'portal.sqlite3'));
    this.deps = { db, config, catalog: new CatalogState(config.catalogFile), uploadsDir, diagnosticsDir, updatesDir, ...env };
    this.faults = new FaultPlan(config.faults, config.seed);
    const validator = new SpecValidator(loadSpec(config.specFile));
    this.route = routerOf(portalRoutes({ deps: this.deps, validator, busyKeys: new Set(), busyUploads: new Set() }));
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((error: unknown) => {
        env.log(`portal: unexpected failure on ${req.method} ${req.url}: ${String(error)}`);
        if (!res.headersSent) send(res, errorReply(internalError()), req.method === 'HEAD');
        else res.destroy();
      });
    });
  }

  async listen(): Promise<string> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(this.config.port, this.config.host, () => resolve());
    });
    const { port } = this.server.address() as AddressInfo;
    const host = this.config.host.includes(':') ? `[${this.config.host}]` : this.config.host;
    this.listeningAt = `http://${host}:${port}`;
    return this.listeningAt;
  }

  /** Where terminals reach this portal: what the set-up QR names (config `publicUrl`, else where it listens). */
  get publicUrl(): string {
    return this.config.publicUrl ?? this.listeningAt ?? `http://${this.config.host}:${this.config.port}`;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.deps.db.close();
  }

  setFaults(faults: readonly Fault[], seed?: number): void {
    this.faults.replace(faults, seed);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = req.method ?? 'GET';
    const url = new URL(req.url ?? '/', 'http://portal.invalid');
    // Kept now: reading a body to its end may detach req.socket, and a drop must still cut it.
    const socket = req.socket;
    if (method === 'GET' && url.pathname.startsWith('/q/')) {
      // The ticket QR's public page: outside the API (no credential, no faults), like the admin page.
      const { status, html } = queuePage(this.deps.db, url.pathname.slice(3), this.env.clock());
      const payload = Buffer.from(html);
      res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'content-length': String(payload.length), 'cache-control': 'no-store' });
      res.end(payload);
      return;
    }
    if (url.pathname.startsWith('/updates/')) {
      // The update feed (decision 0039): public and outside the API (no credential, no faults), like the ticket page.
      req.resume();
      serveUpdate({ db: this.deps.db, updatesDir: this.deps.updatesDir, log: this.env.log }, req, res, url.pathname.slice('/updates/'.length));
      return;
    }
    if (url.pathname === '/admin' || url.pathname.startsWith('/admin/')) {
      const body = method === 'GET' ? Buffer.alloc(0) : await readBody(req, 64 * 1024 * 1024).catch(() => Buffer.alloc(0));
      const reply = handleAdmin(this, method, url, req.headers, body);
      res.writeHead(reply.status, { ...reply.headers, 'content-type': reply.contentType, 'content-length': String(reply.payload.length), 'cache-control': 'no-store' });
      res.end(reply.payload);
      return;
    }
    const headers = flatHeaders(req);
    const carriesFiles = method === 'PATCH' || isUploadBytes(headers) || url.pathname === '/v1/dossier-bundles';
    const decision = this.faults.decide(method, url.pathname, carriesFiles);
    if (decision.latencyMs > 0) await new Promise((r) => setTimeout(r, decision.latencyMs));
    if (decision.before) return injectBefore(req, res, decision.before);
    let reply: Reply;
    try {
      const found = this.route(method, url.pathname);
      if (!found) throw new ApiError(404, 'not_found', `${method} ${url.pathname} is not part of the Kiosk Sync API.`, `${method} ${url.pathname} không thuộc giao diện đồng bộ của ki-ốt.`);
      const now = this.env.clock();
      const terminal = found.route.auth ? authenticate(this.deps.db, headers['authorization'], now) : undefined;
      const answered = await found.route.handle({ req, url, headers, pathParams: found.pathParams, terminal, now, dropAfter: decision.dropUploadAfter });
      if (answered === 'dropped') return void socket.destroy();
      reply = answered;
    } catch (error) {
      req.resume();
      reply = errorReply(error instanceof ApiError ? error : internalError());
      if (!(error instanceof ApiError)) this.env.log(`portal: ${method} ${url.pathname} failed: ${String(error)}`);
    }
    // Every change was committed with synchronous=FULL and its files fsync'd before: safe to acknowledge.
    await sendWithFault(req, res, reply, method === 'HEAD', decision.after);
  }
}

const flatHeaders = (req: IncomingMessage): Record<string, string | undefined> =>
  Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : v]));
