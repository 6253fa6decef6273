import type { Diagnostics } from '../../src-shared/diagnostics';
import type { DeviceHealth } from '../../src-shared/dto';
import type { SyncStatus } from '../../src-shared/sync';
import type { Clock } from '../kernel/clock';
import type { FreeSpacePort } from '../storage/free-space';
import type { DeviceHistory } from './device-history';
import type { RecentEvents } from './recent-events';

export interface DiagnosticsDeps {
  clock: Clock;
  /** When this kiosk process started its core. */
  startedAt: Date;
  version: string;
  host: Diagnostics['host'];
  terminalId: string;
  apiVersion: string;
  dataDir: string;
  freeSpace: Pick<FreeSpacePort, 'freeBytes'>;
  /** The store's schema version and size on disk (with its WAL); null without a store. */
  store: { schemaVersion(): number; sizeBytes(): number } | null;
  catalogVersion(): string | null;
  /** The sync's status; null without a store. */
  sync(): SyncStatus | null;
  /** When the portal last answered (ms since the epoch); null before that or without a portal. */
  lastPortalAnswerAt(): number | null;
  devices(): readonly DeviceHealth[];
  history: Pick<DeviceHistory, 'of'>;
  events: Pick<RecentEvents, 'list'>;
}

/** Gathers the IT diagnostics snapshot (decision 0030); each part that cannot be read says null, never throws. */
export class DiagnosticsService {
  constructor(private readonly deps: DiagnosticsDeps) {}

  async snapshot(): Promise<Diagnostics> {
    const { clock, startedAt, store } = this.deps;
    const now = clock.now();
    const sync = this.orNull(() => this.deps.sync());
    const lastAnswer = this.deps.lastPortalAnswerAt();
    return {
      takenAt: now.toISOString(),
      terminalId: this.deps.terminalId,
      host: this.deps.host,
      versions: {
        app: this.deps.version,
        schema: store ? this.orNull(() => store.schemaVersion()) : null,
        catalog: this.orNull(() => this.deps.catalogVersion()),
        api: this.deps.apiVersion,
      },
      startedAt: startedAt.toISOString(),
      uptimeSeconds: Math.max(0, Math.floor((now.getTime() - startedAt.getTime()) / 1000)),
      storage: {
        dataDir: this.deps.dataDir,
        freeBytes: await this.deps.freeSpace.freeBytes(this.deps.dataDir).then(
          (bytes) => Math.max(0, Math.floor(bytes)),
          () => null,
        ),
        databaseBytes: store ? this.orNull(() => store.sizeBytes()) : null,
      },
      outbox: {
        depth: sync?.outboxDepth ?? 0,
        parked: sync?.parked ?? 0,
        oldestPendingAgeSeconds: sync?.oldestPendingAgeSeconds ?? null,
      },
      link: {
        state: sync?.state ?? 'disabled',
        lastContactAt: lastAnswer === null ? null : new Date(lastAnswer).toISOString(),
        clockSkewSeconds: sync?.clockSkewSeconds ?? null,
        lastError: sync?.lastError ?? null,
      },
      devices: this.deps.devices().map((health) => ({
        device: health.device,
        state: health.state,
        reason: health.reason,
        at: health.at,
        changes: this.deps.history.of(health.device),
      })),
      events: this.deps.events.list(),
    };
  }

  /** A diagnostics screen must open on a sick kiosk: a part that fails reads as unknown. */
  private orNull<T>(read: () => T): T | null {
    try {
      return read();
    } catch {
      return null;
    }
  }
}
