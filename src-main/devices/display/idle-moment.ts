import type { Clock } from '../../kernel/clock';

/**
 * When main may act between citizens (replace the core for a central configuration, install an
 * update) without cutting anyone off: the renderer's render proof (decision 0037) is fresh and names the attract screen, and was painted after the last citizen
 * session began, and no staff or IT session is open. The proof is a periodic statement of what
 * is on screen now, so it also holds after a page reload (which sends no "session ended");
 * the session start closes the gap of up to 10 s between two proofs.
 */
export class IdleMoment {
  private lastCitizenStart = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly deps: {
      clock: Clock;
      proof: () => { screen: string; ageSeconds: number } | null;
      staffSessionOpen: () => boolean;
      freshSeconds: number;
    },
  ) {}

  citizenStarted(): void {
    this.lastCitizenStart = this.deps.clock.now().getTime();
  }

  idle(): boolean {
    const proof = this.deps.proof();
    if (proof === null || proof.screen !== ATTRACT_SCREEN || proof.ageSeconds > this.deps.freshSeconds) return false;
    // The proof's age is whole seconds, rounded down: its paint is taken as early as it can have been.
    const paintedAt = this.deps.clock.now().getTime() - (proof.ageSeconds + 1) * 1000;
    return paintedAt > this.lastCitizenStart && !this.deps.staffSessionOpen();
  }
}

/** The attract screen's testid, as the render proof names it (src-renderer/screens/AttractScreen.tsx). */
export const ATTRACT_SCREEN = 'screen-attract';
