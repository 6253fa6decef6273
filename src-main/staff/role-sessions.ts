import type { Role, StaffRole } from '../../src-shared/staff-access';
import type { Clock } from '../kernel/clock';

/** Why a session ended, for the audit. */
export type SessionEnd = 'logout' | 'idle' | 'citizen-session' | 'replaced';

interface Held {
  role: StaffRole;
  lastActiveMs: number;
}

/** Staff sessions end after 2 minutes without a staff call or touch (decision 0021). */
export const SESSION_IDLE_MS = 2 * 60_000;

/**
 * The role sessions main issued after a correct PIN: random tokens held only in memory (a restart
 * logs everyone out). The dispatcher asks `authorize` before any staff or IT handler runs; IT may
 * do everything staff may. One session at a time: the kiosk has one screen.
 */
export class RoleSessions {
  private readonly held = new Map<string, Held>();

  constructor(
    private readonly clock: Clock,
    private readonly newToken: () => string,
    private readonly onEnd: (role: StaffRole, why: SessionEnd) => void,
    readonly idleMs: number = SESSION_IDLE_MS,
  ) {}

  issue(role: StaffRole): string {
    this.endAll('replaced');
    const token = this.newToken();
    this.held.set(token, { role, lastActiveMs: this.clock.now().getTime() });
    return token;
  }

  /** True when `token` is a live session allowed to act as `needed`; that counts as activity. */
  authorize(token: unknown, needed: Exclude<Role, 'citizen'>): boolean {
    const held = this.live(token);
    if (!held) return false;
    if (needed === 'it' && held.role !== 'it') return false;
    held.lastActiveMs = this.clock.now().getTime();
    return true;
  }

  roleOf(token: unknown): StaffRole | null {
    return this.live(token)?.role ?? null;
  }

  end(token: unknown, why: SessionEnd): boolean {
    const held = this.live(token);
    if (!held || typeof token !== 'string') return false;
    this.held.delete(token);
    this.onEnd(held.role, why);
    return true;
  }

  /** Whether any staff or IT session is open now (an idle one is ended on the way): an update or a central configuration then waits. */
  anyOpen(): boolean {
    return [...this.held.keys()].some((token) => this.live(token) !== undefined);
  }

  endAll(why: SessionEnd): void {
    for (const token of [...this.held.keys()]) this.end(token, why);
  }

  /** The held session, or undefined; an idle one is ended (and audited) on the way. */
  private live(token: unknown): Held | undefined {
    if (typeof token !== 'string') return undefined;
    const held = this.held.get(token);
    if (!held) return undefined;
    if (this.clock.now().getTime() - held.lastActiveMs >= this.idleMs) {
      this.held.delete(token);
      this.onEnd(held.role, 'idle');
      return undefined;
    }
    return held;
  }
}
