import type { Database } from 'better-sqlite3';
import type { GrantedSession, LoginResult, StaffAccessState, StaffRole } from '../../src-shared/staff-access';
import type { Clock } from '../kernel/clock';
import { KioskError } from '../kernel/kiosk-error';
import { logEvent, type LogEventName } from '../kernel/log-events';
import type { Logger, LogLevel } from '../kernel/logger';
import { afterWrongPin, attemptsLeft, isLocked, openLockout, type LockoutState } from './lockout-policy';
import { hashPin, pinProblem, verifyPin } from './pin-hash';
import type { RoleSessions } from './role-sessions';
import { addAuditEntry, readLockout, readPinHash, saveLockout, savePinHash, type AuditEvent } from './staff-access-repository';
import type { StaffAlerts } from './staff-alerts';

export interface StaffAccessDeps {
  db: Database;
  clock: Clock;
  sessions: RoleSessions;
  alerts: Pick<StaffAlerts, 'raise' | 'resolve'>;
  logger: Logger;
  terminalId: string;
}

/**
 * The PIN pad's side in main: PINs checked against their hashes, wrong ones counted towards a
 * lockout kept in SQLite, sessions issued, and every login, logout, lockout and PIN change
 * audited with the terminal id. Logs and the audit never hold a PIN.
 */
/** The log event of each audit entry; a lockout is worth a technician's look. */
const AUDIT_EVENTS: Record<AuditEvent, [LogLevel, LogEventName]> = {
  login: ['info', 'staff.login'],
  logout: ['info', 'staff.logout'],
  lockout: ['warn', 'staff.lockout'],
  'pin-set': ['info', 'staff.pin_set'],
};

export class StaffAccessService {
  /** One check at a time, so parallel guesses cannot race past the attempt counter. */
  private queue: Promise<unknown> = Promise.resolve();
  /**
   * The lockout as last decided here. It counts even when the store refuses the write (a full
   * disk): staff can still log in to see why, and wrong guesses still lock entry.
   */
  private lockout: LockoutState | null = null;

  constructor(private readonly deps: StaffAccessDeps) {}

  state(): StaffAccessState {
    const { db, clock } = this.deps;
    const lockout = this.currentLockout();
    return {
      itPinSet: readPinHash(db, 'it') !== null,
      staffPinSet: readPinHash(db, 'staff') !== null,
      lockedUntil: isLocked(lockout, clock.now()) ? lockout.lockedUntil : null,
    };
  }

  login(pin: string): Promise<LoginResult> {
    return this.serial(() => this.checkPin(pin));
  }

  /** Only while no IT PIN exists (a fresh terminal): sets it and opens an IT session. */
  setupFirstItPin(pin: string): Promise<GrantedSession> {
    return this.serial(async () => {
      if (readPinHash(this.deps.db, 'it')) throw new KioskError('forbidden', 'An IT PIN is already set on this terminal; log in as IT to change it.');
      await this.setPin('it', pin);
      return this.grant('it');
    });
  }

  /** Sets a role's PIN from the PIN typed (IT in the panel, or a provisioning profile). */
  async setPin(role: StaffRole, pin: string): Promise<void> {
    const problem = pinProblem(pin);
    if (problem) throw new KioskError('invalid_request', problem);
    const other = readPinHash(this.deps.db, role === 'it' ? 'staff' : 'it');
    if (other && (await verifyPin(pin, other))) throw new KioskError('invalid_request', 'The staff PIN and the IT PIN must differ.');
    savePinHash(this.deps.db, role, await hashPin(pin), this.deps.clock.now().toISOString());
    this.audit('pin-set', role, null);
  }

  /**
   * Why `setPin(role, pin)` would refuse this PIN, without setting it: the set-up wizard checks
   * every step before it writes anything (issue #19).
   */
  async pinProblem(role: StaffRole, pin: string): Promise<'invalid' | 'same-as-other' | null> {
    if (pinProblem(pin)) return 'invalid';
    const other = readPinHash(this.deps.db, role === 'it' ? 'staff' : 'it');
    return other && (await verifyPin(pin, other)) ? 'same-as-other' : null;
  }

  /** Called by RoleSessions when a session ends, whatever the reason. */
  sessionEnded(role: StaffRole, why: string): void {
    this.audit('logout', role, why);
  }

  private async checkPin(pin: string): Promise<LoginResult> {
    const { db, clock } = this.deps;
    const lockout = this.currentLockout();
    if (isLocked(lockout, clock.now())) return { outcome: 'locked', lockedUntil: lockout.lockedUntil ?? '' };
    for (const role of ['it', 'staff'] as const) {
      const stored = readPinHash(db, role);
      if (stored && (await verifyPin(pin, stored))) {
        this.keepLockout(openLockout);
        this.deps.alerts.resolve('staff-access');
        return { outcome: 'granted', ...this.grant(role) };
      }
    }
    const next = afterWrongPin(lockout, clock.now());
    this.keepLockout(next.state);
    if (!next.locked) {
      logEvent(this.deps.logger, 'warn', 'staff.login_refused', { attemptsLeft: attemptsLeft(next.state) });
      return { outcome: 'wrong', attemptsLeft: attemptsLeft(next.state) };
    }
    const until = next.state.lockedUntil ?? '';
    this.audit('lockout', null, `until ${until}`, { lockouts: next.state.lockouts });
    this.deps.alerts.raise('staff-access', 'staff_entry_locked', { params: { until, lockouts: next.state.lockouts } });
    return { outcome: 'locked', lockedUntil: until };
  }

  private grant(role: StaffRole): GrantedSession {
    const session = this.deps.sessions.issue(role);
    this.audit('login', role, null);
    return { role, session, idleSeconds: Math.round(this.deps.sessions.idleMs / 1000) };
  }

  private currentLockout(): LockoutState {
    return this.lockout ?? readLockout(this.deps.db);
  }

  private keepLockout(state: LockoutState): void {
    this.lockout = state;
    this.tryWrite('lockout', () => saveLockout(this.deps.db, state));
  }

  private audit(event: AuditEvent, role: StaffRole | null, detail: string | null, fields: Record<string, unknown> = {}): void {
    const at = this.deps.clock.now().toISOString();
    // The log line carries the entry too, so a store that refuses writes leaves no gap in the trail.
    const [level, name] = AUDIT_EVENTS[event];
    logEvent(this.deps.logger, level, name, { role, detail, ...fields });
    this.tryWrite('audit entry', () => addAuditEntry(this.deps.db, { at, event, role, terminalId: this.deps.terminalId, detail }));
  }

  /** Login must work when the store cannot take writes: that is when staff are needed most. */
  private tryWrite(what: string, write: () => void): void {
    try {
      write();
    } catch (error) {
      this.deps.logger.log('error', `staff access: ${what} not stored`, { error: error instanceof Error ? error.message : String(error) });
    }
  }

  private serial<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    return run;
  }
}
