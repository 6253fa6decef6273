import { assertNever } from '../../src-shared/assert-never';
import type { UpdateFeed } from '../../src-shared/update-feed';
import type { Clock } from '../kernel/clock';
import { logEvent } from '../kernel/log-events';
import type { Logger } from '../kernel/logger';
import { decideUpdate, MAX_UPDATE_ATTEMPTS, type UpdateDecision } from './update-policy';
import { beginInstall, failuresOf, noteFailure, settleAtStart, type StartOutcome, type UpdateFailureReason, type UpdateHistory } from './update-history';

/**
 * What the host does with a release the policy chose: electron-updater in the Electron host
 * (src-main/electron/electron-update-installer.ts); nothing else can install the kiosk.
 */
export interface UpdateInstaller {
  /** Downloads the release and checks its sha512 (and, on Windows, its signature); rejects on any failure. */
  download(feed: UpdateFeed): Promise<void>;
  /** Quits the kiosk into the installer. Throws if it cannot even start. */
  install(version: string): void;
}

export interface UpdateHistoryStore {
  read(): UpdateHistory;
  write(history: UpdateHistory): void;
}

export interface KioskUpdaterDeps {
  readonly feed: () => Promise<UpdateFeed>;
  readonly installer: UpdateInstaller;
  readonly history: UpdateHistoryStore;
  readonly idle: () => boolean;
  readonly runningVersion: string;
  readonly bucket: number;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly maxAttempts?: number;
}

/** An install that has not ended this process after this long did not happen. */
export const INSTALL_STALL_MS = 2 * 60_000;

/** What IT sees (logs, diagnostics): the last look and what came of it. */
export interface UpdaterStatus {
  readonly lastCheckAt: string | null;
  readonly lastCheckError: string | null;
  readonly lastDecision: UpdateDecision | null;
  readonly downloading: string | null;
  readonly downloaded: string | null;
}

/**
 * The kiosk's updates (decision 0039): looks at the portal's feed, asks the pure policy what to
 * do, and has the host's installer download in the background and install only between citizens.
 * Whatever fails — the download, the checksum, the installer, the new version not coming up —
 * the running version stays, and the failure is counted against that version in the history.
 */
export class KioskUpdater {
  private lastFeed: UpdateFeed | null = null;
  private downloading: string | null = null;
  private downloaded: string | null = null;
  private installing: { version: string; at: number } | null = null;
  private lastCheckAt: string | null = null;
  private lastCheckError: string | null = null;
  private lastDecision: UpdateDecision | null = null;

  constructor(private readonly deps: KioskUpdaterDeps) {}

  /** At start, before any look: what became of the install the previous run started. */
  settleStart(): StartOutcome {
    const { history, outcome } = settleAtStart(this.read(), this.deps.runningVersion, this.now());
    this.write(history);
    switch (outcome.kind) {
      case 'no-install':
        break;
      case 'installed':
        logEvent(this.deps.logger, 'info', 'update.installed', { version: outcome.version, from: outcome.from });
        break;
      case 'kept-old-version':
        // settleAtStart counted it already.
        this.logFailure(outcome.version, 'still-old-version', failuresOf(history, outcome.version), `started again at ${outcome.running}`);
        break;
      default:
        assertNever(outcome);
    }
    return outcome;
  }

  /** One look at the feed and what follows from it; null when the feed could not be read. */
  async check(): Promise<UpdateDecision | null> {
    this.lastCheckAt = this.now();
    try {
      this.lastFeed = await this.deps.feed();
      this.lastCheckError = null;
    } catch (error) {
      this.lastCheckError = describe(error);
      logEvent(this.deps.logger, 'warn', 'update.check_failed', { error: this.lastCheckError });
      return null;
    }
    return this.act(this.lastFeed);
  }

  /** Between looks at the feed: a downloaded release is installed as soon as the kiosk is idle. */
  idleCheck(): UpdateDecision | null {
    return this.lastFeed !== null && this.downloaded !== null ? this.act(this.lastFeed) : null;
  }

  status(): UpdaterStatus {
    return {
      lastCheckAt: this.lastCheckAt,
      lastCheckError: this.lastCheckError,
      lastDecision: this.lastDecision,
      downloading: this.downloading,
      downloaded: this.downloaded,
    };
  }

  /** Resolves once a background download started by the last look has ended (tests, shutdown). */
  downloadSettled: Promise<void> = Promise.resolve();

  private act(feed: UpdateFeed): UpdateDecision | null {
    if (this.installing !== null) {
      if (this.deps.clock.now().getTime() - this.installing.at < INSTALL_STALL_MS) return null;
      // The installer was started and the kiosk is still here: it did not take.
      const { version } = this.installing;
      this.installing = null;
      this.downloaded = null;
      this.write({ ...this.read(), pendingInstall: null });
      this.failed(version, 'install-failed', 'the kiosk did not quit into the installer');
    }
    const decision = decideUpdate({
      feed,
      runningVersion: this.deps.runningVersion,
      bucket: this.deps.bucket,
      idle: this.deps.idle(),
      downloaded: this.downloaded,
      history: this.read(),
      maxAttempts: this.deps.maxAttempts ?? MAX_UPDATE_ATTEMPTS,
    });
    this.note(decision);
    switch (decision.kind) {
      case 'up-to-date':
      case 'not-in-rollout':
      case 'skip-failed-version':
      case 'wait-for-idle':
        break;
      case 'download':
        this.startDownload(feed);
        break;
      case 'install':
        this.install(decision.version);
        break;
      default:
        assertNever(decision);
    }
    return decision;
  }

  private startDownload(feed: UpdateFeed): void {
    if (this.downloading === feed.version) return;
    this.downloading = feed.version;
    this.downloaded = null;
    this.downloadSettled = this.deps.installer.download(feed).then(
      () => {
        this.downloaded = feed.version;
        logEvent(this.deps.logger, 'info', 'update.downloaded', { version: feed.version });
        // Idle now? Install at once rather than at the next idle check.
        this.idleCheck();
      },
      (error: unknown) => this.failed(feed.version, 'download-failed', describe(error)),
    ).finally(() => {
      if (this.downloading === feed.version) this.downloading = null;
    });
  }

  private install(version: string): void {
    this.write(beginInstall(this.read(), version, this.deps.runningVersion, this.now()));
    this.installing = { version, at: this.deps.clock.now().getTime() };
    logEvent(this.deps.logger, 'info', 'update.installing', { version, from: this.deps.runningVersion });
    try {
      this.deps.installer.install(version);
    } catch (error) {
      this.installing = null;
      this.downloaded = null;
      this.write({ ...this.read(), pendingInstall: null });
      this.failed(version, 'install-failed', describe(error));
    }
  }

  private failed(version: string, reason: UpdateFailureReason, error: string): void {
    const history = noteFailure(this.read(), version, reason, this.now());
    this.write(history);
    this.logFailure(version, reason, failuresOf(history, version), error);
  }

  private logFailure(version: string, reason: UpdateFailureReason, failures: number, error: string): void {
    logEvent(this.deps.logger, 'error', 'update.failed', { version, reason, failures, running: this.deps.runningVersion, error });
  }

  /** Logged when the decision changes, not at every look. */
  private note(decision: UpdateDecision): void {
    const before = this.lastDecision;
    this.lastDecision = decision;
    if (before !== null && before.kind === decision.kind && before.version === decision.version) return;
    logEvent(this.deps.logger, 'info', 'update.decision', { ...decision, running: this.deps.runningVersion });
  }

  private read(): UpdateHistory {
    return this.deps.history.read();
  }

  private write(history: UpdateHistory): void {
    try {
      this.deps.history.write(history);
    } catch (error) {
      // Bookkeeping never stops a kiosk; at worst a failing version is tried once more.
      this.deps.logger.log('warn', 'update history not written', { error: describe(error) });
    }
  }

  private now(): string {
    return this.deps.clock.now().toISOString();
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
