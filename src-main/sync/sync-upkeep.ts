import type { Database } from 'better-sqlite3';
import type { DeviceHealth } from '../../src-shared/dto';
import type { SyncStatus } from '../../src-shared/sync';
import type { Clock } from '../kernel/clock';
import type { Logger } from '../kernel/logger';
import { backoffDelayMs } from '../outbox/backoff';
import type { Wait } from '../outbox/wait';
import type { LinkMonitor } from './link-state';
import type { PortalClient } from './portal-client';
import { PortalError } from './portal-error';
import { setMeta } from './sync-repository';
import { heartbeatBody, healthFingerprint, type TerminalHealth } from './heartbeat';
import type { HeartbeatAck, HeartbeatBody } from './portal-schemas';
import { enrollmentRefusal, type EnrollmentRefusal } from './enrollment-refusal';
import type { SyncErrorCode } from '../../src-shared/reasons';

/** One pull of an upkeep round (catalog, codes, queue blocks, payments); a failure ends only itself. */

const ENROLLMENT_REFUSALS: Record<EnrollmentRefusal, SyncErrorCode> = {
  expired: 'enrollment_token_expired',
  used: 'enrollment_token_used',
  'other-terminal': 'enrollment_token_other_terminal',
  wrong: 'enrollment_token_refused',
};
export interface UpkeepStep {
  readonly what: string;
  pull(ack: { catalogEtag: string; configEtag?: string }, signal: AbortSignal): Promise<void>;
}

export interface UpkeepConfig {
  terminalId: string;
  enrollmentToken: string;
  heartbeatSeconds: number;
  appVersion: string;
  /** How often the kiosk looks for a change worth a heartbeat of its own (device, render proof, parked rows). */
  changeCheckSeconds: number;
}

export interface SyncUpkeepDeps {
  db: Database;
  client: PortalClient;
  link: LinkMonitor;
  /** The outbox worker: started once enrolled, woken when the link comes back. */
  outbox: { start(signal: AbortSignal): Promise<void>; wake(): void };
  steps: readonly UpkeepStep[];
  devices: () => readonly DeviceHealth[];
  /** What the heartbeat tells of the outbox (the staff view's status). */
  status: () => SyncStatus;
  /** The rest of the heartbeat: render proof, uptime, schema, disk, last purge. */
  health: () => TerminalHealth;
  clock: Clock;
  random: () => number;
  wait: Wait;
  logger: Logger;
  config: UpkeepConfig;
}

/**
 * The kiosk's presence at the portal, in the background: enrollment (retried, never blocking
 * start-up; again at once when the portal drops the credential), then per heartbeat interval a
 * heartbeat and the pulls. The outbox starts once the terminal is enrolled.
 */
export class SyncUpkeep {
  private readonly stop = new AbortController();
  private readonly tasks: Promise<void>[] = [];
  private outboxStarted = false;
  /** Cuts the loop's pause short: enrolling again must not wait a heartbeat interval. */
  private nudge = new AbortController();
  /** What the last heartbeat said of the terminal's health; a different one is sent at once. */
  private lastSent = '';

  constructor(private readonly deps: SyncUpkeepDeps) {}

  start(): void {
    this.tasks.push(this.loop(this.stop.signal), this.watchChanges(this.stop.signal));
  }

  async close(): Promise<void> {
    this.stop.abort();
    await Promise.allSettled(this.tasks);
  }

  /**
   * The portal refused the terminal's credential and the client dropped it. Enroll again with the
   * configured token at once; if the token is refused too, the link shows why.
   */
  credentialRejected(): void {
    this.deps.logger.log('warn', "the portal rejected this terminal's credential; enrolling again");
    this.deps.link.record('troubled', "The portal rejected this terminal's credential (HTTP 401); enrolling again", 'credential_rejected');
    this.nudge.abort();
  }

  /** An exchange outside the outbox failed: the link shows it. */
  noteFailure(what: string, error: unknown): void {
    const message = `${what}: ${error instanceof Error ? error.message : String(error)}`;
    const unreachable = error instanceof PortalError && error.kind === 'unreachable';
    if (!this.stop.signal.aborted) this.deps.link.record(unreachable ? 'unreachable' : 'troubled', message);
    this.deps.logger.log(unreachable ? 'info' : 'warn', 'sync: portal exchange failed', { what, error: message });
  }

  private async loop(signal: AbortSignal): Promise<void> {
    const intervalMs = this.deps.config.heartbeatSeconds * 1000;
    let failures = 0;
    while (!signal.aborted) {
      let ok = false;
      try {
        ok = await this.round(signal);
      } catch (error) {
        this.noteFailure('sync upkeep', error);
      }
      failures = ok ? 0 : failures + 1;
      const delay = ok ? intervalMs : backoffDelayMs(failures, { baseMs: 1_000, capMs: intervalMs }, this.deps.random);
      await this.deps.wait(delay, AbortSignal.any([signal, this.nudge.signal]));
      if (this.nudge.signal.aborted) this.nudge = new AbortController();
    }
  }

  /** One round; true when the portal answered the heartbeat. */
  private async round(signal: AbortSignal): Promise<boolean> {
    const { client, link, outbox } = this.deps;
    if (!client.isEnrolled() && !(await this.enroll(signal))) return false;
    if (!this.outboxStarted) {
      this.outboxStarted = true;
      this.tasks.push(outbox.start(signal));
    }
    const wasOffline = link.state() === 'offline';
    const ack = await this.sendHeartbeat(this.heartbeatNow(false), signal);
    link.record('ok');
    if (wasOffline) outbox.wake();
    for (const step of this.deps.steps) {
      try {
        await step.pull(ack, signal);
      } catch (error) {
        this.noteFailure(step.what, error);
      }
    }
    return true;
  }

  private async enroll(signal: AbortSignal): Promise<boolean> {
    const { db, client, clock, logger, config } = this.deps;
    if (config.enrollmentToken === '') {
      this.deps.link.record('troubled', 'No enrollment token is configured (sync.enrollmentToken)', 'no_enrollment_token');
      return false;
    }
    let e: Awaited<ReturnType<typeof client.enroll>>;
    try {
      e = await client.enroll(config.enrollmentToken, config.terminalId, config.appVersion.slice(0, 50), signal);
    } catch (error) {
      const refusal = enrollmentRefusal(error);
      if (refusal === null) throw error;
      // Staff see why in their own words; IT needs a new token (or the right terminal id) in the set-up wizard.
      this.deps.link.record('troubled', `enroll: ${(error as Error).message}`, ENROLLMENT_REFUSALS[refusal]);
      logger.log('warn', 'sync: enrollment refused', { reason: refusal });
      return false;
    }
    const now = clock.now();
    setMeta(db, 'terminal_index', String(e.terminalIndex), now);
    setMeta(db, 'agency_code', e.agencyCode, now);
    setMeta(db, 'center_id', e.centerId, now);
    logger.log('info', 'enrolled with the portal', { terminalIndex: e.terminalIndex, centerId: e.centerId });
    return true;
  }

  private heartbeatNow(changed: boolean): HeartbeatBody {
    const { devices, status, health, clock, config } = this.deps;
    return heartbeatBody({ devices: devices(), status: status(), health: health(), sentAt: clock.now(), appVersion: config.appVersion, changed });
  }

  private async sendHeartbeat(body: HeartbeatBody, signal: AbortSignal): Promise<HeartbeatAck> {
    const ack = await this.deps.client.heartbeat(body, signal);
    this.lastSent = healthFingerprint(body);
    return ack;
  }

  /**
   * "On every change" (issue #19): a device going down, the render proof going stale, a row
   * parked is told at once, not at the next minute. Only while enrolled and the link is up; a
   * heartbeat that fails leaves the change for the next look.
   */
  private async watchChanges(signal: AbortSignal): Promise<void> {
    const { config, client, link } = this.deps;
    while (!signal.aborted) {
      await this.deps.wait(config.changeCheckSeconds * 1000, signal);
      if (signal.aborted || this.lastSent === '' || !client.isEnrolled() || link.state() === 'offline') continue;
      const body = this.heartbeatNow(true);
      if (healthFingerprint(body) === this.lastSent) continue;
      try {
        await this.sendHeartbeat(body, signal);
      } catch (error) {
        this.deps.logger.log('info', 'sync: change heartbeat not sent', { error: error instanceof Error ? error.message : String(error) });
      }
    }
  }
}
