import type { z } from 'zod';
import type { Clock } from '../kernel/clock';
import type { CredentialStore } from './credential-store';
import { networkError, parseRetryAfter, PortalError } from './portal-error';
import {
  CodeBlockSchema,
  ConfigReportReceiptSchema,
  DiagnosticsReceiptSchema,
  DossierReceiptSchema,
  DossierStatusSchema,
  EnrollmentSchema,
  ErrorBodySchema,
  HeartbeatAckSchema,
  PaymentSchema,
  QueueBlockSchema,
  QueuePositionSchema,
  QueueStatusSchema,
  QueueTicketSchema,
  RatingReceiptSchema,
  TerminalConfigSchema,
  UploadSchema,
  type DossierBundleManifest,
  type DossierSubmission,
  type Enrollment,
  type HeartbeatAck,
  type HeartbeatBody,
  type PaymentRequest,
  type RatingSubmission,
  type Upload,
} from './portal-schemas';
import { multipartBody } from './multipart-body';
import { checkPortalUrl } from './url-policy';

export interface PortalClientOptions {
  baseUrl: string;
  credentials: CredentialStore;
  clock: Clock;
  /** One request, including its body; an upload chunk must fit in it. */
  timeoutMs?: number;
  fetch?: typeof fetch;
  /** The portal answered 401 to the credential this terminal holds; it has been removed. */
  onCredentialRejected?: () => void;
  /** Every answer's Date header against our clock (ms, portal minus kiosk): the clock-skew watch. */
  onServerDate?: (skewMs: number) => void;
}

/** A dossier with its files, as one bundle. */
export interface BundleToSend {
  manifest: DossierBundleManifest;
  /** The bytes of each distinct file, in order of first appearance in `manifest.files`. */
  files: readonly Uint8Array[];
}

interface Call {
  method: 'GET' | 'POST' | 'PATCH' | 'HEAD';
  path: string;
  body?: unknown;
  raw?: Uint8Array;
  headers?: Record<string, string>;
  idempotencyKey?: string;
  auth?: boolean;
  signal?: AbortSignal;
  timeoutMs?: number;
}

/** The kiosk's side of the Kiosk Sync API (docs/sync-api.yaml), over real HTTP. */
export class PortalClient {
  private readonly base: URL;
  private readonly timeoutMs: number;
  private readonly fetchImpl: typeof fetch;

  constructor(private readonly options: PortalClientOptions) {
    this.base = checkPortalUrl(options.baseUrl);
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.fetchImpl = options.fetch ?? fetch;
  }

  get origin(): string {
    return this.base.origin;
  }

  isEnrolled(): boolean {
    return this.options.credentials.read() !== null;
  }

  async enroll(enrollmentToken: string, terminalId: string, appVersion: string, signal?: AbortSignal): Promise<Enrollment> {
    const res = await this.call({
      method: 'POST',
      path: '/v1/enrollments',
      body: { enrollmentToken, terminalId, appVersion },
      auth: false,
      signal,
    });
    const enrollment = await this.json(res, EnrollmentSchema, 'enroll');
    this.options.credentials.write(enrollment.credential);
    return enrollment;
  }

  async heartbeat(body: HeartbeatBody, signal?: AbortSignal): Promise<HeartbeatAck> {
    return this.request({ method: 'POST', path: '/v1/heartbeats', body, signal, timeoutMs: 10_000 }, HeartbeatAckSchema, 'heartbeat');
  }

  /** The catalog document, or `unchanged` when our ETag still holds (nothing downloaded). */
  async catalog(
    etag: string | null,
    signal?: AbortSignal,
  ): Promise<{ status: 'unchanged' } | { status: 'changed'; etag: string; document: unknown }> {
    const res = await this.call({
      method: 'GET',
      path: '/v1/catalog',
      headers: etag ? { 'if-none-match': etag } : {},
      signal,
    });
    if (res.status === 304) return { status: 'unchanged' };
    const newEtag = res.headers.get('etag');
    const document = await this.parseBody(res, 'catalog');
    if (!newEtag) throw new PortalError('transient', 'catalog: the answer has no ETag', res.status);
    return { status: 'changed', etag: newEtag, document };
  }

  /** This terminal's central configuration (decision 0041), or `unchanged` when our ETag still holds. */
  async terminalConfig(
    etag: string | null,
    signal?: AbortSignal,
  ): Promise<{ status: 'unchanged' } | { status: 'changed'; etag: string; version: number; document: unknown }> {
    const res = await this.call({ method: 'GET', path: '/v1/terminal-config', headers: etag ? { 'if-none-match': etag } : {}, signal });
    if (res.status === 304) return { status: 'unchanged' };
    const answer = await this.json(res, TerminalConfigSchema, 'terminal configuration');
    const newEtag = res.headers.get('etag');
    if (!newEtag) throw new PortalError('transient', 'terminal configuration: the answer has no ETag', res.status);
    return { status: 'changed', etag: newEtag, version: answer.version, document: answer.document };
  }

  /** Tells the portal whether a configuration version is in force here, or why it was refused. */
  async reportConfig(body: { version: number; outcome: 'applied' | 'rejected'; problems: readonly string[] }, signal?: AbortSignal) {
    return this.request({ method: 'POST', path: '/v1/terminal-config/report', body, signal }, ConfigReportReceiptSchema, 'configuration report');
  }

  async reserveDossierCodes(day: string, count: number, key: string, signal?: AbortSignal, agencyCode?: string) {
    const body = agencyCode === undefined ? { day, count } : { day, count, agencyCode };
    return this.request({ method: 'POST', path: '/v1/dossier-code-blocks', body, idempotencyKey: key, signal }, CodeBlockSchema, 'reserve dossier codes');
  }

  async registerQueueTicket(
    body: { ticketId: string; serviceId: string; day: string; priority: string; issuedAt: string; number?: number; numberSource?: 'block' | 'terminal' },
    signal?: AbortSignal,
    timeoutMs?: number,
  ) {
    return this.request({ method: 'POST', path: '/v1/queue-tickets', body, idempotencyKey: body.ticketId, signal, timeoutMs }, QueueTicketSchema, 'queue ticket');
  }

  /** The center's queue of a day (every terminal's tickets), per service. */
  async queueStatus(day: string, signal?: AbortSignal) {
    return this.request({ method: 'GET', path: `/v1/queue-status?day=${encodeURIComponent(day)}`, signal }, QueueStatusSchema, 'queue status');
  }

  /** One of this terminal's tickets in the center's queue now. */
  async queuePosition(ticketId: string, signal?: AbortSignal, timeoutMs?: number) {
    return this.request({ method: 'GET', path: `/v1/queue-tickets/${encodeURIComponent(ticketId)}/position`, signal, timeoutMs }, QueuePositionSchema, 'queue position');
  }

  async reserveQueueNumbers(serviceId: string, day: string, count: number, key: string, signal?: AbortSignal) {
    return this.request({
      method: 'POST',
      path: '/v1/queue-number-blocks',
      body: { serviceId, day, count },
      idempotencyKey: key,
      signal,
    }, QueueBlockSchema, 'reserve queue numbers');
  }

  async createUpload(
    body: { length: number; sha256: string; fileName: string; contentType: string },
    key: string,
    signal?: AbortSignal,
  ): Promise<Upload> {
    return this.request({ method: 'POST', path: '/v1/uploads', body, idempotencyKey: key, signal }, UploadSchema, 'create upload');
  }

  /** HEAD: the number of bytes the portal holds for an upload. */
  async uploadOffset(uploadId: string, signal?: AbortSignal): Promise<{ offset: number; length: number; state: string }> {
    const res = await this.call({ method: 'HEAD', path: `/v1/uploads/${encodeURIComponent(uploadId)}`, signal });
    if (!res.ok) this.fail(res, null, 'upload offset');
    const offset = Number(res.headers.get('upload-offset'));
    const length = Number(res.headers.get('upload-length'));
    const state = res.headers.get('upload-state') ?? '';
    if (!Number.isSafeInteger(offset) || offset < 0 || !Number.isSafeInteger(length)) {
      throw new PortalError('transient', 'upload offset: HEAD answered without a valid Upload-Offset', res.status);
    }
    return { offset, length, state };
  }

  async appendUpload(uploadId: string, offset: number, chunk: Uint8Array, signal?: AbortSignal): Promise<Upload> {
    return this.request({
      method: 'PATCH',
      path: `/v1/uploads/${encodeURIComponent(uploadId)}`,
      raw: chunk,
      headers: { 'content-type': 'application/offset+octet-stream', 'upload-offset': String(offset) },
      signal,
    }, UploadSchema, 'upload bytes');
  }

  /** A log export zip for the portal's operators (decision 0030); not idempotent: each press is one export. */
  async sendDiagnostics(terminalId: string, zip: Uint8Array, signal?: AbortSignal) {
    return this.request({
      method: 'POST',
      path: `/v1/terminals/${encodeURIComponent(terminalId)}/diagnostics`,
      raw: zip,
      headers: { 'content-type': 'application/zip' },
      signal,
      timeoutMs: 60_000,
    }, DiagnosticsReceiptSchema, 'send diagnostics');
  }

  async submitDossier(body: DossierSubmission, signal?: AbortSignal) {
    return this.request({ method: 'POST', path: '/v1/dossiers', body, idempotencyKey: body.dossierId, signal }, DossierReceiptSchema, 'submit dossier');
  }

  /**
   * A dossier and all its files in one request (multipart/form-data): the manifest, then each
   * distinct file in its order. The portal treats it as the single calls (uploads under `<id>.<sha256>`,
   * then the submit under the dossier id), so after a break those calls go on where it stopped.
   */
  async submitDossierBundle(bundle: BundleToSend, signal?: AbortSignal) {
    const { body, contentType } = multipartBody(bundle.manifest, bundle.files);
    return this.request({
      method: 'POST',
      path: '/v1/dossier-bundles',
      raw: body,
      headers: { 'content-type': contentType },
      idempotencyKey: bundle.manifest.dossier.dossierId,
      signal,
    }, DossierReceiptSchema, 'submit dossier bundle');
  }

  async dossierStatus(dossierId: string, signal?: AbortSignal) {
    return this.request({ method: 'GET', path: `/v1/dossiers/${encodeURIComponent(dossierId)}`, signal }, DossierStatusSchema, 'dossier status');
  }

  /** Registers a fee payment; Idempotency-Key = its client UUID, so a replay has one effect. */
  async createPayment(body: PaymentRequest, signal?: AbortSignal) {
    return this.request({ method: 'POST', path: '/v1/payments', body, idempotencyKey: body.paymentId, signal }, PaymentSchema, 'create payment');
  }

  /** The portal's state of a payment (the confirmation downstream). */
  async payment(paymentId: string, signal?: AbortSignal) {
    return this.request({ method: 'GET', path: `/v1/payments/${encodeURIComponent(paymentId)}`, signal }, PaymentSchema, 'payment status');
  }

  /** A satisfaction rating, once: Idempotency-Key = the rating id. */
  async submitRating(body: RatingSubmission, signal?: AbortSignal) {
    return this.request({ method: 'POST', path: '/v1/ratings', body, idempotencyKey: body.ratingId, signal }, RatingReceiptSchema, 'submit rating');
  }

  private async call(c: Call): Promise<Response> {
    const url = new URL(c.path.replace(/^\//, ''), this.base.href.endsWith('/') ? this.base : new URL(`${this.base.href}/`));
    const headers: Record<string, string> = { accept: 'application/json', ...c.headers };
    let credential: string | null = null;
    if (c.auth !== false) {
      credential = this.options.credentials.read();
      // Enrollment (again) is the sync service's job; until then every exchange waits its turn.
      if (credential === null) throw new PortalError('transient', 'This terminal is not enrolled with the portal (enrollment pending)');
      headers.authorization = `Bearer ${credential}`;
    }
    if (c.idempotencyKey) headers['idempotency-key'] = c.idempotencyKey;
    let body: string | Uint8Array<ArrayBuffer> | undefined;
    // A view on the same bytes (no copy); file buffers are never shared memory.
    if (c.raw) body = new Uint8Array(c.raw.buffer as ArrayBuffer, c.raw.byteOffset, c.raw.byteLength);
    else if (c.body !== undefined) {
      body = JSON.stringify(c.body);
      headers['content-type'] = 'application/json';
    }
    const timeout = AbortSignal.timeout(c.timeoutMs ?? this.timeoutMs);
    const signal = c.signal ? AbortSignal.any([c.signal, timeout]) : timeout;
    let res: Response;
    try {
      res = await this.fetchImpl(url, { method: c.method, headers, body, signal });
    } catch (error) {
      throw networkError(error, `${c.method} ${c.path.split('?')[0]}`);
    }
    if (res.status === 401 && credential !== null) this.forget(credential);
    const date = Date.parse(res.headers.get('date') ?? '');
    if (Number.isFinite(date)) this.options.onServerDate?.(date - this.options.clock.now().getTime());
    return res;
  }

  /**
   * The portal no longer knows this credential (its store was rebuilt, or the terminal id was
   * enrolled again elsewhere): drop it so the sync service enrolls again. Only the credential
   * this request carried: a fresh one written meanwhile by a concurrent enrollment stays.
   */
  private forget(credential: string): void {
    if (this.options.credentials.read() !== credential) return;
    this.options.credentials.clear();
    this.options.onCredentialRejected?.();
  }

  private async parseBody(res: Response, what: string): Promise<unknown> {
    let text: string;
    try {
      text = await res.text();
    } catch (error) {
      throw networkError(error, what);
    }
    try {
      return JSON.parse(text) as unknown;
    } catch {
      throw new PortalError('transient', `${what}: the portal's answer is not JSON (HTTP ${res.status})`, res.status);
    }
  }

  private async request<S extends z.ZodType>(c: Call, schema: S, what: string): Promise<z.output<S>> {
    return this.json(await this.call(c), schema, what);
  }

  private async json<S extends z.ZodType>(res: Response, schema: S, what: string): Promise<z.output<S>> {
    if (!res.ok) {
      const body = await res.text().then(
        (text) => JSON.parse(text) as unknown,
        () => null,
      ).catch(() => null);
      this.fail(res, body, what);
    }
    const body = await this.parseBody(res, what);
    const parsed = schema.safeParse(body);
    if (!parsed.success) {
      throw new PortalError('transient', `${what}: unexpected answer from the portal: ${parsed.error.issues[0]?.message ?? ''}`, res.status);
    }
    return parsed.data;
  }

  /** What an error answer means for the caller. */
  private fail(res: Response, body: unknown, what: string): never {
    const { status, headers } = res;
    const parsed = ErrorBodySchema.safeParse(body);
    const code = parsed.success ? parsed.data.error.code : null;
    const message = `${what}: HTTP ${status}${code ? ` ${code}` : ''}${parsed.success ? `: ${parsed.data.error.message}` : ''}`;
    const retryAfter = parseRetryAfter(headers.get('retry-after'), this.options.clock.now());
    const offsetHeader = headers.get('upload-offset');
    const offset = offsetHeader !== null && /^\d+$/.test(offsetHeader) ? Number(offsetHeader) : null;
    if (status === 429 || (status === 503 && retryAfter !== null)) throw new PortalError('rate-limited', message, status, code, retryAfter);
    if (status >= 500 || status === 408) throw new PortalError('transient', message, status, code, retryAfter);
    // A 409 is a state that may change (a request with the same key still running, an offset moved
    // on, an upload not yet complete), except a code or number the portal says is not ours.
    if (status === 409 && code !== 'code_conflict' && code !== 'number_conflict') throw new PortalError('transient', message, status, code, null, offset);
    // A revoked credential is fixed by re-enrolling (see forget), not by parking every job.
    if (status === 401) {
      const reason = parsed.success ? parsed.data.error.details?.['reason'] : undefined;
      throw new PortalError('transient', message, status, code, null, null, typeof reason === 'string' ? reason : null);
    }
    throw new PortalError('rejected', message, status, code, null, offset);
  }
}
