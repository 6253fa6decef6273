import type { Database } from 'better-sqlite3';
import type { DeviceHealth } from '../../src-shared/dto';
import type { LinkStateDto } from '../../src-shared/sync';
import type { Clock } from '../kernel/clock';
import type { Logger } from '../kernel/logger';
import { SUBMIT_JOB_KIND } from '../dossier/dossier-submit';
import { OutboxWorker, type OutboxWorkerOptions } from '../outbox/outbox-worker';
import type { Wait } from '../outbox/wait';
import { PAYMENT_JOB_KIND } from '../payment/payment-service';
import type { StaffAlerts } from '../staff/staff-alerts';
import { CatalogPull, type CatalogSink } from '../sync/catalog-pull';
import { CentralConfigPull, type CentralConfigSink } from '../sync/central-config-pull';
import { ClockSkewWatch } from '../sync/clock-skew';
import { CodeReservation } from '../sync/code-reservation';
import type { CredentialStore } from '../sync/credential-store';
import { createDossierSyncHandler } from '../sync/dossier-sync';
import { LinkMonitor } from '../sync/link-state';
import { createPaymentSyncHandler, PaymentPull } from '../sync/payment-delivery';
import { RATING_JOB_KIND } from '../rating/rating-service';
import { createRatingSyncHandler } from '../sync/rating-delivery';
import { TICKET_JOB_KIND } from '../queue/queue-service';
import { createTicketRegistrationHandler } from '../sync/ticket-registration';
import { PortalClient } from '../sync/portal-client';
import { PortalLookups } from '../sync/portal-lookups';
import { QueueBlockPull } from '../sync/queue-block-pull';
import { CenterQueueWait } from '../sync/center-queue-wait';
import { QueueWaitPull } from '../sync/queue-wait-pull';
import type { QueueWaitSource } from '../queue/queue-wait';
import { CenterQueueAllocator } from '../sync/queue-allocator';
import { getMeta } from '../sync/sync-repository';
import type { TerminalHealth } from '../sync/heartbeat';
import { SyncStatusView } from '../staff/sync-status-view';
import { SyncUpkeep } from '../sync/sync-upkeep';
import type { KioskConfig } from './config';

export interface SyncWiringDeps {
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
  /** The heartbeat's render proof, uptime, schema, disk and last purge. */
  health: () => TerminalHealth;
  catalog: CatalogSink;
  onLinkState: (state: LinkStateDto) => void;
  /** The staff alerts the sync raises: a parked outbox row, the clock off the portal's. */
  alerts: Pick<StaffAlerts, 'raise' | 'resolve'>;
  fetch?: typeof fetch;
  workerOptions?: Partial<OutboxWorkerOptions>;
  /** Where a pulled central configuration goes (decision 0041); absent: none is pulled. */
  centralConfig?: CentralConfigSink;
  /** A delivery was committed (the personal-data purge looks then). */
  onDelivered?: () => void;
}

export interface SyncWiring {
  readonly view: SyncStatusView;
  /** null without a portal (offline-only kiosk). */
  readonly link: LinkMonitor | null;
  readonly allocator: CenterQueueAllocator | null;
  readonly lookups: PortalLookups | null;
  /** Sends a log export zip to the portal (decision 0030); null without a portal. */
  readonly sendDiagnostics: ((zip: Uint8Array) => Promise<{ id: string }>) | null;
  /** The center's queue for tickets: the wait, and the ticket's live page on the portal; null without a portal. */
  readonly centerQueue: { wait: QueueWaitSource; ticketPageUrl: (ticketId: string) => string } | null;
  /** A job was written: deliver it now rather than at the next poll. */
  wake(): void;
  start(): void;
  close(): Promise<void>;
}

/**
 * The sync's parts (the portal client, the outbox worker with its job kinds, the upkeep and its
 * pulls, the lookups, the staff view). Without a portal only the view works and the outbox keeps
 * everything.
 */
export function wireSync(deps: SyncWiringDeps): SyncWiring {
  const { db, config, clock, logger, alerts } = deps;
  const url = config.sync.portalUrl;
  if (url === null) {
    const view = new SyncStatusView({ db, clock, portal: null, wake: () => undefined, alerts });
    view.alertIfParked();
    return { view, link: null, allocator: null, lookups: null, sendDiagnostics: null, centerQueue: null, wake: () => undefined, start: () => undefined, close: async () => undefined };
  }
  const link = new LinkMonitor(() => clock.now().getTime(), undefined, deps.onLinkState);
  const skew = new ClockSkewWatch(alerts);
  let upkeep: SyncUpkeep | null = null;
  const client = new PortalClient({
    baseUrl: url,
    credentials: deps.credentials,
    clock,
    fetch: deps.fetch,
    onCredentialRejected: () => upkeep?.credentialRejected(),
    onServerDate: (skewMs) => skew.observe(skewMs),
  });
  const worker = new OutboxWorker({
    db,
    handlers: {
      [SUBMIT_JOB_KIND]: createDossierSyncHandler({ db, client, fileRoot: deps.fileRoot, clock, timeZone: config.center.timeZone }),
      [PAYMENT_JOB_KIND]: createPaymentSyncHandler({ db, client, clock }),
      [RATING_JOB_KIND]: createRatingSyncHandler({ db, client }),
      [TICKET_JOB_KIND]: createTicketRegistrationHandler({ db, client }),
    },
    clock,
    random: deps.random,
    wait: deps.wait,
    logger,
    link,
    alerts,
    options: { concurrency: config.sync.concurrency, ...deps.workerOptions },
    onDelivered: deps.onDelivered,
  });
  const allocator = new CenterQueueAllocator(db, client, {
    portalTimeoutMs: 1_000,
    terminalIndex: () => {
      const value = getMeta(db, 'terminal_index');
      return value === null ? null : Number(value);
    },
    // A citizen is waiting: while the portal is known to be down, go straight to the offline schemes.
    portalReachable: () => client.isEnrolled() && link.state() !== 'offline',
    clock,
  });
  const wake = () => worker.wake();
  const view = new SyncStatusView({
    db,
    clock,
    portal: { link, origin: client.origin, isEnrolled: () => client.isEnrolled(), clockSkewSeconds: () => skew.skewSeconds() },
    wake,
    alerts,
  });
  view.alertIfParked();
  const terminalId = config.terminal.id;
  const timeZone = config.center.timeZone;
  const { dossierCodesPerDay, queueBlockSize, queueBlockLow } = config.sync;
  const running = new SyncUpkeep({
    db,
    client,
    link,
    outbox: worker,
    steps: [
      new CatalogPull({ db, client, sink: deps.catalog, clock, logger }),
      new CodeReservation({ db, client, clock, logger, config: { terminalId, timeZone, dossierCodesPerDay } }),
      new QueueBlockPull({ allocator, clock, logger, config: { terminalId, timeZone, serviceIds: config.queue.services.map((s) => s.id), queueBlockSize, queueBlockLow } }),
      new PaymentPull({ db, client, clock, watchDays: config.payment.watchDays }),
      new QueueWaitPull({ db, client, clock, logger, timeZone }),
      ...(deps.centralConfig ? [new CentralConfigPull({ db, client, sink: deps.centralConfig, clock, logger })] : []),
    ],
    devices: deps.devices,
    status: () => view.status(),
    health: deps.health,
    clock,
    random: deps.random,
    wait: deps.wait,
    logger,
    config: { terminalId, enrollmentToken: config.sync.enrollmentToken, heartbeatSeconds: config.sync.heartbeatSeconds, changeCheckSeconds: config.sync.changeCheckSeconds, appVersion: deps.version },
  });
  upkeep = running;
  const lookups = new PortalLookups({ db, client, link, clock, noteFailure: (what, error) => running.noteFailure(what, error) });
  const queueWait = new CenterQueueWait({
    db,
    client,
    clock,
    logger,
    options: { portalTimeoutMs: 1_000, portalReachable: () => client.isEnrolled() && link.state() !== 'offline', timeZone },
  });
  return {
    view,
    link,
    allocator,
    lookups,
    sendDiagnostics: (zip) => client.sendDiagnostics(terminalId, zip),
    centerQueue: { wait: queueWait, ticketPageUrl: (ticketId) => `${client.origin}/q/${encodeURIComponent(ticketId)}` },
    wake,
    start: () => running.start(),
    close: async () => {
      lookups.close();
      await running.close();
    },
  };
}
