import { mkdirSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import { assertNever } from '../src-shared/assert-never';
import { handleAdmin } from './admin/admin-routes';
import { openPortalDb } from './db/open-portal-db';
import { folderSync, WalSync } from './db/wal-sync';
import type { Fault } from './faults/fault';
import { FaultPlan, type FaultDecision } from './faults/fault-plan';
import { CatalogState } from './handlers/catalog-state';
import type { HandlerContext, JsonHandler, PortalDeps } from './handlers/context';
import { reserveDossierCodes } from './handlers/codes';
import { submitDossierBatch } from './handlers/dossier-batch';
import { submitDossierBundle, type BundleDeps } from './handlers/dossier-bundle';
import { getDossier, listDossiers, submitDossier } from './handlers/dossiers';
import { registerQueueTicket, reserveQueueNumbers } from './handlers/queue';
import { createPayment, getPayment, submitRating } from './handlers/ratings-payments';
import { enroll, hashCredential, heartbeat } from './handlers/terminals';
import { appendUpload } from './handlers/upload-append';
import { recoverPackUploads } from './handlers/pack-recovery';
import { PackStore } from './handlers/pack-store';
import { createUploadWithBody, inProgress, keyReused, metaFromHeaders } from './handlers/upload-create-with-body';
import { createUpload, getUpload, headUpload } from './handlers/uploads';
import { ApiError } from './http/api-error';
import { encodeReply, errorReply, parseJson, readBody, type Reply } from './http/http-io';
import { requestHash } from './http/request-hash';
import type { PortalConfig } from './portal-config';
import { findAnswer, storeAnswer } from './repo/idempotency';
import { terminalByCredential, touchTerminal, type TerminalRow } from './repo/terminals';
import { loadSpec } from './spec/load-spec';
import { SpecValidator } from './spec/spec-validator';

export interface PortalEnv {
  clock: () => Date;
  log: (line: string) => void;
  newId: () => string;
  newSecret: () => string;
}

const catalogHandler: JsonHandler = (ctx) => {
  const { catalog } = ctx.deps;
  if (catalog.matches(ctx.headers['if-none-match'])) return { status: 304, headers: { etag: catalog.etag } };
  return { status: 200, headers: { etag: catalog.etag }, body: JSON.parse(catalog.body.toString('utf8')) as unknown };
};

const handlers: Record<string, JsonHandler> = {
  sendHeartbeat: heartbeat,
  getCatalog: catalogHandler,
  reserveDossierCodes,
  registerQueueTicket,
  reserveQueueNumbers,
  createUpload,
  getUpload,
  getUploadOffset: headUpload,
  submitDossier,
  listDossiers,
  getDossier,
  submitRating,
  createPayment,
  getPayment,
};

const unauthorized = (): ApiError =>
  new ApiError(401, 'unauthorized', 'This terminal is not enrolled or its credential was revoked.', 'Máy này chưa được đăng ký hoặc thông tin xác thực đã bị thu hồi.', undefined, {
    'www-authenticate': 'Bearer',
  });

/** The reference portal: the Kiosk Sync API over node:http, SQLite behind it, faults in front. */
export class PortalServer {
  readonly deps: PortalDeps;
  readonly faults: FaultPlan;
  private readonly validator: SpecValidator;
  private readonly server: Server;
  private readonly busyUploads = new Set<string>();
  /** `terminal\nkey` of creations with upload whose bytes are still arriving. */
  private readonly busyKeys = new Set<string>();
  /** Makes commits durable before they are acknowledged (the store runs synchronous=NORMAL). */
  private readonly wal: WalSync;
  private readonly uploadsFolder: WalSync;

  constructor(
    readonly config: PortalConfig,
    private readonly env: PortalEnv,
  ) {
    mkdirSync(config.dataDir, { recursive: true });
    const uploadsDir = join(config.dataDir, 'uploads');
    mkdirSync(uploadsDir, { recursive: true });
    const dbFile = join(config.dataDir, 'portal.sqlite3');
    const db: Database = openPortalDb(dbFile);
    const recovered = recoverPackUploads(db, uploadsDir);
    if (recovered.removedUploads.length > 0)
      env.log(
        `portal: ${recovered.removedUploads.length} upload(s) lost before their sync were removed with the dossier(s) listing them (${recovered.removedDossiers.join(', ') || 'none'}); the terminals send them again`,
      );
    this.wal = new WalSync(dbFile);
    this.uploadsFolder = folderSync(uploadsDir);
    const syncUploadsDir = () => this.uploadsFolder.flush();
    const packs = new PackStore(uploadsDir, env.newId, syncUploadsDir, {
      onOpened: (pack, direct) =>
        env.log(`portal: new pack ${pack}, ${direct ? 'written with O_DIRECT' : 'written buffered (O_DIRECT is not available here)'}`),
    });
    this.deps = { db, config, catalog: new CatalogState(config.catalogFile), uploadsDir, syncUploadsDir, packs, ...env };
    this.faults = new FaultPlan(config.faults, config.seed);
    this.validator = new SpecValidator(loadSpec(config.specFile));
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((error: unknown) => {
        env.log(`portal: unexpected failure on ${req.method} ${req.url}: ${String(error)}`);
        if (!res.headersSent) this.send(res, errorReply(internal()), req.method === 'HEAD');
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
    return `http://${host}:${port}`;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
    await this.deps.packs.close();
    await this.wal.close();
    await this.uploadsFolder.close();
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
    if (url.pathname === '/admin' || url.pathname.startsWith('/admin/')) {
      const body = method === 'GET' ? Buffer.alloc(0) : await readBody(req, 64 * 1024 * 1024).catch(() => Buffer.alloc(0));
      const reply = handleAdmin(this, method, url, req.headers, body);
      if (method !== 'GET') await this.wal.flush();
      res.writeHead(reply.status, { ...reply.headers, 'content-type': reply.contentType, 'content-length': String(reply.payload.length), 'cache-control': 'no-store' });
      res.end(reply.payload);
      return;
    }
    const carriesFiles = method === 'PATCH' || isUploadBytes(flatHeaders(req)) || url.pathname === '/v1/dossier-bundles' || url.pathname === '/v1/dossier-batches';
    const decision = this.faults.decide(method, url.pathname, carriesFiles);
    if (decision.latencyMs > 0) await new Promise((r) => setTimeout(r, decision.latencyMs));
    if (decision.before) {
      this.injectBefore(req, res, decision.before);
      return;
    }
    let reply: Reply;
    try {
      const answered = await this.answer(req, method, url, decision);
      if (answered === 'dropped') {
        socket.destroy();
        return;
      }
      reply = answered;
    } catch (error) {
      reply = errorReply(error instanceof ApiError ? error : internal());
      if (!(error instanceof ApiError)) this.env.log(`portal: ${method} ${url.pathname} failed: ${String(error)}`);
    }
    // Nothing that changed the store is acknowledged before it is on disk: the WAL, and the
    // bytes of bundles whose rows are committed (their pack syncs run alongside).
    if (method !== 'GET' && method !== 'HEAD') await Promise.all([this.wal.flush(), ...this.deps.packs.syncsInFlight()]);
    await this.sendWithFault(req, res, reply, method === 'HEAD', decision.after);
  }

  private async answer(req: IncomingMessage, method: string, url: URL, decision: FaultDecision): Promise<Reply | 'dropped'> {
    const found = this.validator.match(method, url.pathname);
    if (!found) {
      req.resume();
      throw new ApiError(404, 'not_found', `${method} ${url.pathname} is not part of the Kiosk Sync API.`, `${method} ${url.pathname} không thuộc giao diện đồng bộ của ki-ốt.`);
    }
    const { operation, pathParams } = found;
    const headers = flatHeaders(req);
    let terminal: TerminalRow | undefined;
    if (operation.needsAuth) {
      const m = /^Bearer\s+(\S+)$/i.exec(headers['authorization'] ?? '');
      terminal = m?.[1] ? terminalByCredential(this.deps.db, hashCredential(m[1])) : undefined;
      if (!terminal) {
        req.resume();
        throw unauthorized();
      }
    }
    const now = this.env.clock();
    // "Last seen" is for people reading the admin page; a write (and its fsync) per request would
    // cost more than the request itself, so it is refreshed at most every TOUCH_EVERY_MS.
    if (terminal && (terminal.last_seen_at === null || now.getTime() - Date.parse(terminal.last_seen_at) >= TOUCH_EVERY_MS))
      touchTerminal(this.deps.db, terminal.id, now.toISOString());
    if (operation.operationId === 'appendUpload' && terminal) {
      const verdict = this.validator.validateRequest({ method, url: req.url ?? '/', headers });
      const ctx: HandlerContext = { deps: this.deps, terminal, body: undefined, pathParams, query: url.searchParams, headers, now };
      if (verdict.errors.some((e) => !e.startsWith('Content-Type'))) {
        req.resume();
        throw invalid(verdict.errors);
      }
      const outcome = await appendUpload(ctx, req, this.busyUploads, decision.dropUploadAfter);
      return outcome.dropped || !outcome.reply ? 'dropped' : outcome.reply;
    }
    if (operation.operationId === 'createUpload' && terminal && isUploadBytes(headers)) {
      const verdict = this.validator.validateRequest({ method, url: req.url ?? '/', headers });
      const { meta, errors } = metaFromHeaders(headers);
      const problems = [...verdict.errors, ...errors, ...(meta ? this.validator.validateJsonBody('createUpload', meta) : [])];
      if (problems.length > 0 || !meta) {
        req.resume();
        throw invalid(problems);
      }
      const ctx: HandlerContext = { deps: this.deps, terminal, body: undefined, pathParams, query: url.searchParams, headers, now };
      const declared = headers['content-length'] === undefined ? undefined : Number(headers['content-length']);
      const key = headers['idempotency-key'] ?? '';
      const outcome = await createUploadWithBody(ctx, { req, key, meta, busyKeys: this.busyKeys, dropAfter: decision.dropUploadAfter, declared });
      return outcome.dropped ? 'dropped' : outcome.reply;
    }
    if ((operation.operationId === 'submitDossierBundle' || operation.operationId === 'submitDossierBatch') && terminal) {
      const verdict = this.validator.validateRequest({ method, url: req.url ?? '/', headers });
      if (verdict.errors.length > 0) {
        req.resume();
        throw invalid(verdict.errors);
      }
      const ctx: HandlerContext = { deps: this.deps, terminal, body: undefined, pathParams, query: url.searchParams, headers, now };
      const bundleDeps: BundleDeps = {
        checkManifest: (value) => this.validator.validateJsonPart(operation.operationId, 'dossier', value),
        submit: (submission, key) => {
          const problems = this.validator.validateJsonBody('submitDossier', submission);
          if (problems.length > 0) throw invalid(problems);
          return this.idempotent({ ...ctx, body: submission }, 'submitDossier', key, submitDossier);
        },
        busyKeys: this.busyKeys,
        dropAfter: decision.dropUploadAfter,
      };
      return operation.operationId === 'submitDossierBatch'
        ? submitDossierBatch(ctx, req, bundleDeps)
        : submitDossierBundle(ctx, req, headers['idempotency-key'] ?? '', bundleDeps);
    }
    const raw = await readBody(req, this.config.maxJsonBytes);
    const body = parseJson(raw);
    const verdict = this.validator.validateRequest({ method, url: req.url ?? '/', headers, body });
    if (verdict.errors.length > 0) throw invalid(verdict.errors);
    if (operation.operationId === 'enrollTerminal') return this.deps.db.transaction(() => enroll(this.deps, body))();
    const handler = handlers[operation.operationId];
    if (!handler || !terminal) throw internal();
    const ctx: HandlerContext = { deps: this.deps, terminal, body, pathParams, query: url.searchParams, headers, now };
    const key = operation.params.some((p) => p.name === 'Idempotency-Key') ? headers['idempotency-key'] : undefined;
    if (key === undefined) return this.deps.db.transaction(() => handler(ctx))();
    return this.idempotent(ctx, operation.operationId, key, handler);
  }

  /** The check, the effect and the stored answer commit together: exactly once per key. */
  private idempotent(ctx: HandlerContext, operation: string, key: string, handler: JsonHandler): Reply {
    const hash = requestHash(operation, ctx.body);
    // A creation with upload under this key is still receiving its bytes.
    if (this.busyKeys.has(`${ctx.terminal.id}\n${key}`)) throw inProgress();
    return this.deps.db.transaction((): Reply => {
      const stored = findAnswer(this.deps.db, ctx.terminal.id, operation, key);
      if (stored) {
        if (stored.request_hash !== hash) throw keyReused();
        const headers = JSON.parse(stored.headers) as Record<string, string>;
        return { status: stored.status, headers: { ...headers, 'idempotent-replayed': 'true' }, body: JSON.parse(stored.body) as unknown };
      }
      const reply = handler(ctx);
      // Only successes are kept: a refusal (e.g. files not yet verified) may succeed on a retry.
      if (reply.status >= 200 && reply.status < 300)
        storeAnswer(this.deps.db, {
          terminalId: ctx.terminal.id,
          operation,
          key,
          requestHash: hash,
          status: reply.status,
          headers: JSON.stringify(reply.headers ?? {}),
          body: JSON.stringify(reply.body ?? null),
          now: ctx.now.toISOString(),
        });
      return reply;
    })();
  }

  private injectBefore(req: IncomingMessage, res: ServerResponse, fault: Fault): void {
    req.resume();
    switch (fault.kind) {
      case 'reset':
        (res.socket ?? req.socket)?.resetAndDestroy();
        return;
      case '5xx':
        this.sendFault5xx(res, fault.status, req.method === 'HEAD');
        return;
      case '429':
        this.send(
          res,
          errorReply(new ApiError(429, 'rate_limited', 'Too many requests; wait and retry.', 'Quá nhiều yêu cầu; vui lòng thử lại sau.', undefined, { 'retry-after': String(fault.retryAfter) })),
          req.method === 'HEAD',
        );
        return;
      case '409':
        this.send(res, errorReply(new ApiError(409, 'conflict', 'Injected conflict.', 'Xung đột (giả lập).')), req.method === 'HEAD');
        return;
      case '413':
        this.send(res, errorReply(new ApiError(413, 'payload_too_large', 'Injected: request too large.', 'Giả lập: dữ liệu quá lớn.')), req.method === 'HEAD');
        return;
      case 'latency':
      case 'slow-body':
      case 'malformed-json':
      case 'drop-upload':
        return;
      default:
        assertNever(fault);
    }
  }

  private sendFault5xx(res: ServerResponse, status: number, head: boolean): void {
    if (status === 502 || status === 504) {
      // What a proxy in front of a portal sends: not the API's error shape, on purpose.
      const html = Buffer.from(`<html><body><h1>${status} Gateway error</h1></body></html>`);
      res.writeHead(status, { 'content-type': 'text/html', 'content-length': String(html.length) });
      res.end(head ? undefined : html);
      return;
    }
    const error =
      status === 503
        ? new ApiError(503, 'unavailable', 'Injected: the portal is temporarily unavailable.', 'Giả lập: cổng tạm thời không phục vụ.', undefined, { 'retry-after': '1' })
        : internal();
    this.send(res, errorReply(error), head);
  }

  private async sendWithFault(req: IncomingMessage, res: ServerResponse, reply: Reply, head: boolean, fault: Fault | undefined): Promise<void> {
    if (!fault) return this.send(res, reply, head);
    switch (fault.kind) {
      case 'reset':
        (res.socket ?? req.socket)?.resetAndDestroy();
        return;
      case '5xx':
        return this.sendFault5xx(res, fault.status, head);
      case 'malformed-json': {
        const { status, headers, payload } = encodeReply(reply);
        // Cut the JSON in half but keep the declared type: the client must not trust it.
        const cut = payload.subarray(0, Math.max(1, Math.floor(payload.length / 2)));
        const spoiled = payload.length === 0 ? Buffer.from('{"') : cut;
        res.writeHead(status, { ...headers, 'content-type': 'application/json; charset=utf-8', 'content-length': String(spoiled.length) });
        res.end(head ? undefined : spoiled);
        return;
      }
      case 'slow-body': {
        const { status, headers, payload } = encodeReply(reply);
        res.writeHead(status, headers);
        if (head) return void res.end();
        const step = Math.max(1, Math.ceil(fault.bytesPerSecond / 10));
        for (let i = 0; i < payload.length && !res.destroyed; i += step) {
          res.write(payload.subarray(i, i + step));
          await new Promise((r) => setTimeout(r, 100));
        }
        res.end();
        return;
      }
      case 'latency':
      case '429':
      case '409':
      case '413':
      case 'drop-upload':
        return this.send(res, reply, head);
      default:
        assertNever(fault);
    }
  }

  private send(res: ServerResponse, reply: Reply, head: boolean): void {
    const { status, headers, payload } = encodeReply(reply);
    res.writeHead(status, headers);
    res.end(head ? undefined : payload);
  }
}

const TOUCH_EVERY_MS = 10_000;

const internal = (): ApiError => new ApiError(500, 'internal', 'The portal failed; retry later.', 'Cổng gặp lỗi; vui lòng thử lại sau.');

const invalid = (errors: string[]): ApiError =>
  new ApiError(400, 'invalid_request', `The request does not match the Kiosk Sync API: ${errors.join('; ')}`, 'Yêu cầu không đúng định dạng của giao diện đồng bộ.', { errors });

/** Creation with upload: POST /v1/uploads whose body is the file's bytes, not the JSON facts. */
const isUploadBytes = (headers: Record<string, string | undefined>): boolean =>
  (headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() === 'application/offset+octet-stream';

function flatHeaders(req: IncomingMessage): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(req.headers)) out[k] = Array.isArray(v) ? v.join(', ') : v;
  return out;
}

export { canonicalJson } from './http/request-hash';
