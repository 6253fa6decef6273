import type { Database } from 'better-sqlite3';
import type { DeviceHealth } from '../../src-shared/dto';
import type { LinkStateDto, ParkedRow, SyncStatus } from '../../src-shared/sync';
import { localDay, type Clock } from '../app/clock';
import type { KioskConfig } from '../app/config';
import { JOBS_PER_REQUEST } from './sync-config';
import type { Logger } from '../app/logger';
import { normalizeCodeInput } from '../dossier/dossier-code';
import { addAudit, reserveOfficialCodes } from '../dossier/dossier-repository';
import { SUBMIT_JOB_KIND } from '../dossier/dossier-submit';
import { createPaymentSyncHandler, PAYMENT_JOB_KIND, refreshPaymentState, refreshPendingPayments } from '../payment/payment-sync';
import { backoffDelayMs } from './backoff';
import type { CredentialStore } from './credential-store';
import { findDossierIdByCode } from './dossier-repository';
import { createDossierSyncHandler } from './dossier-sync';
import { LinkMonitor } from './link-state';
import { listParked, outboxStats, requeueParked } from './outbox-jobs';
import { OutboxWorker, type OutboxWorkerOptions } from './outbox-worker';
import { PortalClient } from './portal-client';
import { gatedFetch } from './request-gate';
import { PortalError } from './portal-error';
import { CenterQueueAllocator } from './queue-allocator';
import { applyPortalStatus, countFreeOfficialCodes, getMeta, setMeta } from './sync-repository';
import type { Wait } from './wait';

/** Where a pulled catalog goes: the existing import, one transaction, so readers see old or new. */
export interface CatalogSink {
  importDocument(raw: unknown): unknown;
}

export interface SyncServiceDeps {
  db: Database;
  config: KioskConfig;
  /** The content store's root (files.relative_path is relative to it). */
  fileRoot: string;
  credentials: CredentialStore;
  clock: Clock;
  logger: Logger;
  random: () => number;
  wait: Wait;
  version: string;
  devices: () => readonly DeviceHealth[];
  catalog: CatalogSink | null;
  onLinkState: (state: LinkStateDto) => void;
  fetch?: typeof fetch;
  workerOptions?: Partial<OutboxWorkerOptions>;
  /** Outbox outcomes were written (deliveries among them). */
  onDelivered?: () => void;
}

const OFFICIAL_CODE = /^[0-9A-Z.]{1,35}-\d{6}-\d{4}$/;

/** Parked rows the staff panel lists; more than a handful means a fault to fix, not rows to retry one by one. */
const PARKED_SHOWN = 50;

/**
 * Everything the kiosk does with the portal, in the background: enrollment (retried, never
 * blocking start-up), the outbox worker, and an upkeep round per heartbeat interval (heartbeat,
 * catalog by ETag, the day's official codes, queue-number blocks). Without a portal it only
 * reports `disabled` and the outbox keeps everything.
 */
export class SyncService {
  readonly link: LinkMonitor;
  readonly allocator: CenterQueueAllocator | null;
  private readonly client: PortalClient | null;
  private readonly worker: OutboxWorker | null;
  private readonly stop = new AbortController();
  private readonly tasks: Promise<void>[] = [];
  private workerStarted = false;
  /** Cuts the upkeep loop's pause short: enrolling again must not wait a heartbeat interval. */
  private nudge = new AbortController();

  constructor(private readonly deps: SyncServiceDeps) {
    const { db, config, clock } = deps;
    this.link = new LinkMonitor(() => clock.now().getTime(), undefined, (state) => deps.onLinkState(state));
    const url = config.sync.portalUrl;
    if (url === null) {
      this.client = null;
      this.worker = null;
      this.allocator = null;
      return;
    }
    const onCredentialRejected = () => this.credentialRejected();
    const client = new PortalClient({ baseUrl: url, credentials: deps.credentials, clock, fetch: deps.fetch, onCredentialRejected });
    this.client = client;
    // Uploads get their own client behind a request gate (more jobs than requests: JOBS_PER_REQUEST),
    // so ticket calls (a citizen waiting, 1 s timeout) never queue behind uploads on the other client.
    const uploads = new PortalClient({
      baseUrl: url,
      credentials: deps.credentials,
      clock,
      fetch: gatedFetch(deps.fetch ?? fetch, config.sync.concurrency),
      onCredentialRejected,
    });
    const handler = createDossierSyncHandler({
      db,
      client: uploads,
      fileRoot: deps.fileRoot,
      clock,
      timeZone: config.center.timeZone,
      requestsInFlight: config.sync.concurrency,
    });
    this.worker = new OutboxWorker({
      db,
      // Payments are small JSON: the plain client, so they never queue behind uploads.
      handlers: { [SUBMIT_JOB_KIND]: handler, [PAYMENT_JOB_KIND]: createPaymentSyncHandler({ db, client, clock }) },
      clock,
      random: deps.random,
      wait: deps.wait,
      logger: deps.logger,
      link: this.link,
      options: { concurrency: JOBS_PER_REQUEST * config.sync.concurrency, ...deps.workerOptions },
      onWritten: deps.onDelivered,
    });
    this.allocator = new CenterQueueAllocator(db, client, {
      portalTimeoutMs: 1_000,
      terminalIndex: () => {
        const value = getMeta(db, 'terminal_index');
        return value === null ? null : Number(value);
      },
      // A citizen is waiting: while the portal is known to be down, go straight to the offline schemes.
      portalReachable: () => client.isEnrolled() && this.link.state() !== 'offline',
    });
  }

  get enabled(): boolean {
    return this.client !== null;
  }

  start(): void {
    if (!this.client) return;
    this.tasks.push(this.upkeepLoop(this.stop.signal));
  }

  /** A dossier was written: deliver it now rather than at the next poll. */
  wake(): void {
    this.worker?.wake();
  }

  /** The parked rows for the staff panel (the latest PARKED_SHOWN). */
  parkedRows(): ParkedRow[] {
    return listParked(this.deps.db, PARKED_SHOWN, { dossier: SUBMIT_JOB_KIND, payment: PAYMENT_JOB_KIND }).map((row) => ({
      id: row.id,
      kind: row.kind === SUBMIT_JOB_KIND ? 'dossier' : row.kind === PAYMENT_JOB_KIND ? 'payment' : 'other',
      dossierCode: row.dossier_code,
      attempts: row.attempts,
      parkedAt: row.updated_at,
      reason: row.parked_reason ?? '',
    }));
  }

  /** Staff send a parked row again (its cause fixed): written to the audit log, and tried at once. */
  retryParked(id: number): boolean {
    const { db, clock } = this.deps;
    const now = clock.now();
    const requeued = db.transaction(() => {
      const changed = requeueParked(db, id, now);
      if (changed) addAudit(db, { at: now.toISOString(), actor: 'staff', action: 'outbox_row_requeued', subject: String(id) });
      return changed;
    })();
    if (requeued) this.wake();
    return requeued;
  }

  status(): SyncStatus {
    const now = this.deps.clock.now().getTime();
    const stats = outboxStats(this.deps.db);
    const linkError = this.link.error();
    const rowErrorAt = stats.lastErrorAt === null ? NaN : Date.parse(stats.lastErrorAt);
    const lastError =
      linkError && !(rowErrorAt > linkError.at)
        ? { at: new Date(linkError.at).toISOString(), message: linkError.message }
        : stats.lastError !== null && stats.lastErrorAt !== null
          ? { at: stats.lastErrorAt, message: stats.lastError }
          : null;
    return {
      state: this.client ? this.link.state() : 'disabled',
      enrolled: this.client?.isEnrolled() ?? false,
      outboxDepth: stats.depth,
      parked: stats.parked,
      oldestPendingAgeSeconds:
        stats.oldestPendingCreatedAt === null ? null : Math.max(0, Math.round((now - Date.parse(stats.oldestPendingCreatedAt)) / 1000)),
      lastError,
      portalOrigin: this.client?.origin ?? null,
    };
  }

  /**
   * Before a lookup: asks the portal for the dossier's current status (bounded wait) and records
   * it, so the citizen sees what the center decided. Any failure leaves the local answer as is.
   * True when the portal answered with the dossier's status.
   */
  async refreshDossier(code: string, timeoutMs = 2_000): Promise<boolean> {
    const client = this.client;
    if (!client || !client.isEnrolled() || this.link.state() === 'offline') return false;
    const id = findDossierIdByCode(this.deps.db, normalizeCodeInput(code).slice(0, 64));
    if (id === undefined) return false;
    try {
      const status = await client.dossierStatus(id, AbortSignal.any([this.stop.signal, AbortSignal.timeout(timeoutMs)]));
      applyPortalStatus(this.deps.db, id, status, OFFICIAL_CODE);
      return true;
    } catch (error) {
      // 404: not delivered yet; anything else: the local status stands.
      if (!(error instanceof PortalError && error.status === 404)) this.noteFailure('dossier status', error);
      return false;
    }
  }

  /**
   * While the citizen looks at the payment screen: the portal's state of the payment (bounded
   * wait), recorded locally. Offline or not delivered yet: nothing is asked, the local state stands.
   */
  async refreshPayment(paymentId: string, timeoutMs = 2_000): Promise<void> {
    const client = this.client;
    if (!client || !client.isEnrolled() || this.link.state() === 'offline') return;
    try {
      const signal = AbortSignal.any([this.stop.signal, AbortSignal.timeout(timeoutMs)]);
      await refreshPaymentState({ db: this.deps.db, client, clock: this.deps.clock }, paymentId, signal);
    } catch (error) {
      this.noteFailure('payment status', error);
    }
  }

  async close(): Promise<void> {
    this.stop.abort();
    await Promise.allSettled(this.tasks);
  }

  private async upkeepLoop(signal: AbortSignal): Promise<void> {
    const intervalMs = this.deps.config.sync.heartbeatSeconds * 1000;
    let failures = 0;
    while (!signal.aborted) {
      let ok = false;
      try {
        ok = await this.upkeep(signal);
      } catch (error) {
        this.noteFailure('sync upkeep', error);
      }
      failures = ok ? 0 : failures + 1;
      const delay = ok ? intervalMs : backoffDelayMs(failures, { baseMs: 1_000, capMs: intervalMs }, this.deps.random);
      await this.deps.wait(delay, AbortSignal.any([signal, this.nudge.signal]));
      if (this.nudge.signal.aborted) this.nudge = new AbortController();
    }
  }

  /**
   * The portal refused the terminal's credential and the client dropped it. Enroll again with the
   * configured token at once (a rebuilt portal store, a terminal id enrolled again elsewhere); if
   * the token is refused too, the link shows why and IT staff must configure a valid one.
   */
  private credentialRejected(): void {
    this.deps.logger.log('warn', 'the portal rejected this terminal\'s credential; enrolling again');
    this.link.record('troubled', 'The portal rejected this terminal\'s credential (HTTP 401); enrolling again');
    this.nudge.abort();
  }

  /** One round; true when the portal answered the heartbeat. */
  private async upkeep(signal: AbortSignal): Promise<boolean> {
    const { db, config, clock, logger } = this.deps;
    const client = this.client;
    if (!client || !this.worker) return false;
    if (!client.isEnrolled()) {
      if (config.sync.enrollmentToken === '') {
        this.link.record('troubled', 'No enrollment token is configured (sync.enrollmentToken)');
        return false;
      }
      const e = await client.enroll(config.sync.enrollmentToken, config.terminal.id, this.deps.version.slice(0, 50), signal);
      const now = clock.now();
      setMeta(db, 'terminal_index', String(e.terminalIndex), now);
      setMeta(db, 'agency_code', e.agencyCode, now);
      setMeta(db, 'center_id', e.centerId, now);
      logger.log('info', 'enrolled with the portal', { terminalIndex: e.terminalIndex, centerId: e.centerId });
    }
    if (!this.workerStarted) {
      this.workerStarted = true;
      this.tasks.push(this.worker.start(signal));
    }
    const wasOffline = this.link.state() === 'offline';
    const ack = await client.heartbeat(this.heartbeatBody(), signal);
    this.link.record('ok');
    if (wasOffline) this.worker.wake();
    await this.step('catalog', () => this.pullCatalog(client, ack.catalogEtag, signal));
    await this.step('official codes', () => this.reserveCodes(client, signal));
    await this.step('queue numbers', () => this.topUpQueueNumbers());
    await this.step('payments', () => this.refreshPayments(client, signal));
    return true;
  }

  /** Still-pending payments, so a confirmation is known later for lookups even if nobody waited for it. */
  private async refreshPayments(client: PortalClient, signal: AbortSignal): Promise<void> {
    const { db, clock, config } = this.deps;
    const since = new Date(clock.now().getTime() - config.payment.watchDays * 86_400_000);
    await refreshPendingPayments({ db, client, clock }, since, 20, signal);
  }

  private async step(what: string, run: () => Promise<void>): Promise<void> {
    try {
      await run();
    } catch (error) {
      this.noteFailure(what, error);
    }
  }

  private heartbeatBody() {
    const stats = outboxStats(this.deps.db);
    const status = this.status();
    return {
      appVersion: this.deps.version.slice(0, 50) || 'unknown',
      sentAt: this.deps.clock.now().toISOString(),
      devices: this.deps.devices().map((d) => ({ device: d.device, state: d.state, reason: d.reason.slice(0, 500) })),
      outbox: {
        depth: stats.depth,
        parked: stats.parked,
        ...(status.oldestPendingAgeSeconds === null ? {} : { oldestPendingAgeSeconds: status.oldestPendingAgeSeconds }),
        ...(stats.lastError === null ? {} : { lastError: stats.lastError.slice(0, 500) }),
      },
    };
  }

  /** Only when the heartbeat's ETag differs from ours; the GET is conditional all the same. */
  private async pullCatalog(client: PortalClient, advertised: string, signal: AbortSignal): Promise<void> {
    const { db, clock, catalog, logger } = this.deps;
    if (!catalog) return;
    const ours = getMeta(db, 'catalog_etag');
    if (ours === advertised) return;
    const answer = await client.catalog(ours, signal);
    if (answer.status === 'unchanged') return;
    catalog.importDocument(answer.document);
    setMeta(db, 'catalog_etag', answer.etag, clock.now());
    logger.log('info', 'catalog updated from the portal', { etag: answer.etag });
  }

  /** Keeps the day's block of official codes so that dossiers received offline get a final code. */
  private async reserveCodes(client: PortalClient, signal: AbortSignal): Promise<void> {
    const { db, config, clock } = this.deps;
    const perDay = config.sync.dossierCodesPerDay;
    const agency = getMeta(db, 'agency_code');
    if (perDay === 0 || agency === null) return;
    const now = clock.now();
    const day = localDay(now, config.center.timeZone);
    if (countFreeOfficialCodes(db, agency, day) >= Math.max(1, Math.floor(perDay / 4))) return;
    const seqKey = `code_blocks.${day}`;
    const seq = Number(getMeta(db, seqKey) ?? '0');
    // The key repeats after a crash between the answer and the insert: the portal replays the same codes.
    const block = await client.reserveDossierCodes(day, perDay, `codes.${config.terminal.id}.${day}.${seq}`, signal);
    db.transaction(() => {
      reserveOfficialCodes(db, block.codes.map((code) => ({ code, agencyCode: block.agencyCode, day: block.day })), now.toISOString());
      setMeta(db, seqKey, String(seq + 1), now);
    })();
  }

  private async topUpQueueNumbers(): Promise<void> {
    const { config, clock } = this.deps;
    const allocator = this.allocator;
    const { queueBlockSize, queueBlockLow } = config.sync;
    if (!allocator || queueBlockSize === 0) return;
    const day = localDay(clock.now(), config.center.timeZone);
    for (const service of config.queue.services) {
      await allocator.topUp(service.id, day, queueBlockSize, queueBlockLow, config.terminal.id);
    }
  }

  private noteFailure(what: string, error: unknown): void {
    const message = `${what}: ${error instanceof Error ? error.message : String(error)}`;
    const unreachable = error instanceof PortalError && error.kind === 'unreachable';
    if (!this.stop.signal.aborted) this.link.record(unreachable ? 'unreachable' : 'troubled', message);
    this.deps.logger.log(unreachable ? 'info' : 'warn', 'sync: portal exchange failed', { what, error: message });
  }
}
