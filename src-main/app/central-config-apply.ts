import { centralSettings, migrateCentralConfig } from '../../src-shared/central-config';
import type { ReloadReason } from '../../src-shared/contract';
import type { Clock } from '../kernel/clock';
import { logEvent } from '../kernel/log-events';
import type { Logger } from '../kernel/logger';
import type { StaffAlerts } from '../staff/staff-alerts';
import type { CentralConfigSink, CentralOutcome } from '../sync/central-config-pull';
import { readCentralLayer, saveCentralLayer, type PulledCentralConfig, readCentralRefusal, saveCentralRefusal, clearCentralRefusal } from './central-config-file';
import { ConfigError, mergeConfig, parseConfig, type KioskConfig } from './config';

export interface CentralConfigApplyDeps {
  dataDir: string;
  /** The configuration this core runs on. */
  running: KioskConfig;
  /** Embedded defaults < config.json, read when a document is checked (IT may have changed config.json). */
  localLayers: () => { raw: unknown; source: string };
  /** True at a moment no citizen can be cut off (see IdleMoment). */
  idle: () => boolean;
  /** The host's core switch; absent where nothing can restart the core. */
  reload: ((reason: ReloadReason) => void) | undefined;
  alerts: Pick<StaffAlerts, 'raise' | 'resolve'>;
  clock: Clock;
  logger: Logger;
}

/** Most problems shown in a staff alert's detail and sent to the portal. */
const PROBLEMS_KEPT = 20;

/**
 * The kiosk's side of central configuration (decision 0041): checks a pulled document against
 * this kiosk (format, shared schema, then the whole configuration it would make), keeps the last
 * good one on disk, and at the next idle moment asks the host for a new core, which loads it as a
 * layer. A bad document changes nothing: the staff alert and the portal are told.
 */
export class CentralConfigApplier implements CentralConfigSink {
  private inForceVersion: number | null = null;
  private pendingVersion: number | null = null;
  private reloadAsked = false;
  private documentNeeded = true;

  constructor(private readonly deps: CentralConfigApplyDeps) {}

  /** At core start: the saved file is in force, waits for an idle moment, or is damaged (alert). */
  start(): void {
    const { dataDir, running, alerts, logger } = this.deps;
    const saved = readCentralLayer(dataDir);
    // A document refused by an earlier core, newer than the one in force: staff still need to see it.
    const refused = readCentralRefusal(dataDir);
    if (refused !== null && (saved.state !== 'ok' || refused.version > saved.version)) this.rejectAlert(refused.version, refused.problems);
    this.documentNeeded = saved.state !== 'ok';
    if (saved.state === 'none') return;
    if (saved.state === 'damaged') {
      alerts.raise('config', 'central_config_damaged', { detail: saved.problems.slice(0, PROBLEMS_KEPT).join('\n') });
      logEvent(logger, 'warn', 'config.central_damaged', { problems: saved.problems.length });
      return;
    }
    const candidate = this.candidate(mergeConfig(running, centralSettings(saved.document)), 'saved central configuration');
    if (!candidate.ok) {
      // No longer fits the local settings (IT changed config.json): ask the portal again, so it hears why.
      this.documentNeeded = true;
      this.rejectAlert(saved.version, candidate.problems);
      return;
    }
    if (sameConfig(candidate.config, running)) this.inForceVersion = saved.version;
    else this.pendingVersion = saved.version;
  }

  inForce(): number | null {
    return this.inForceVersion;
  }

  needsDocument(): boolean {
    return this.documentNeeded;
  }

  /** A document the portal served: saved and scheduled when good, refused (nothing changed) when not. */
  accept(pulled: PulledCentralConfig): CentralOutcome {
    const { dataDir, running, alerts, clock, logger } = this.deps;
    this.documentNeeded = false;
    const checked = migrateCentralConfig(pulled.document);
    if (!checked.ok) return this.reject(pulled.version, checked.problems);
    let local: { raw: unknown; source: string };
    try {
      local = this.deps.localLayers();
    } catch (error) {
      return this.reject(pulled.version, [error instanceof Error ? error.message : String(error)]);
    }
    const candidate = this.candidate(mergeConfig(local.raw, centralSettings(checked.document)), `central configuration version ${pulled.version}`);
    if (!candidate.ok) return this.reject(pulled.version, candidate.problems);
    saveCentralLayer(dataDir, pulled, clock.now());
    clearCentralRefusal(dataDir);
    alerts.resolve('config');
    logEvent(logger, 'info', 'config.central_saved', { version: pulled.version });
    if (sameConfig(candidate.config, running)) {
      // Nothing this core runs on changes (or only what equals it already): in force as it is.
      this.inForceVersion = pulled.version;
      this.pendingVersion = null;
      return { outcome: 'applied', version: pulled.version };
    }
    this.pendingVersion = pulled.version;
    this.idleMoment();
    return { outcome: 'saved', version: pulled.version };
  }

  /** A moment the screen may be idle: a pending configuration is applied if it is. */
  idleMoment(): void {
    const { reload, idle, logger } = this.deps;
    if (this.pendingVersion === null || this.reloadAsked || reload === undefined || !idle()) return;
    this.reloadAsked = true;
    logEvent(logger, 'info', 'config.central_applying', { version: this.pendingVersion });
    reload('central-config');
  }

  private candidate(raw: unknown, source: string): { ok: true; config: KioskConfig } | { ok: false; problems: string[] } {
    try {
      return { ok: true, config: parseConfig(raw, source) };
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      // parseConfig's first line names the source; each following line one field.
      const lines = error.message.split('\n').slice(1).map((l) => l.trim());
      return { ok: false, problems: lines.length > 0 ? lines : [error.message] };
    }
  }

  private reject(version: number, problems: string[]): CentralOutcome {
    this.rejectAlert(version, problems);
    const kept = problems.slice(0, PROBLEMS_KEPT).map((p) => p.slice(0, 500));
    try {
      saveCentralRefusal(this.deps.dataDir, { version, problems: kept });
    } catch (error) {
      // A full disk: the alert stands for this core; the portal is told either way.
      this.deps.logger.log('warn', 'central configuration refusal not kept', { error: error instanceof Error ? error.message : String(error) });
    }
    return { outcome: 'rejected', version, problems: kept };
  }

  private rejectAlert(version: number, problems: readonly string[]): void {
    this.deps.alerts.raise('config', 'central_config_rejected', {
      params: { version, count: problems.length },
      detail: problems.slice(0, PROBLEMS_KEPT).join('\n'),
    });
    logEvent(this.deps.logger, 'warn', 'config.central_rejected', { version, problems: problems.length });
  }
}

/** Both are parseConfig's output, so their keys come in the schema's order. */
const sameConfig = (a: KioskConfig, b: KioskConfig): boolean => JSON.stringify(a) === JSON.stringify(b);

