import type { Clock } from '../../kernel/clock';

/** The latest paint the renderer proved: which screen, and how long ago. */
export interface RenderProofState {
  screen: string;
  ageSeconds: number;
}

/** The render proof older than this says the screen froze or went blank (issue #19). */
export const RENDER_PROOF_FRESH_SECONDS = 30;

/**
 * The display as the kiosk knows it: the renderer's own acknowledgements that it painted a
 * screen. Main cannot see the pixels; a renderer that froze (busy script, hung GPU) or went blank
 * (crashed, nothing mounted) stops acknowledging, and the proof grows old.
 */
/** How long after start a missing proof is a renderer still loading, not a blank screen. */
export const RENDER_PROOF_GRACE_SECONDS = 90;

/** What a watchdog asks: is the screen proven now, is it too early to tell, or did it stop? */
export type RenderVerdict = 'rendering' | 'starting' | 'not-rendering';

export class RenderProof {
  private last: { screen: string; at: number } | null = null;
  private readonly since: number;

  constructor(private readonly clock: Clock) {
    this.since = clock.now().getTime();
  }

  record(screen: string): void {
    this.last = { screen, at: this.clock.now().getTime() };
  }

  /** null: no paint proved since the kiosk started. */
  state(): RenderProofState | null {
    if (this.last === null) return null;
    return { screen: this.last.screen, ageSeconds: Math.max(0, Math.floor((this.clock.now().getTime() - this.last.at) / 1000)) };
  }

  fresh(): boolean {
    const s = this.state();
    return s !== null && s.ageSeconds <= RENDER_PROOF_FRESH_SECONDS;
  }

  verdict(): RenderVerdict {
    if (this.fresh()) return 'rendering';
    const sinceStart = (this.clock.now().getTime() - this.since) / 1000;
    return this.last === null && sinceStart <= RENDER_PROOF_GRACE_SECONDS ? 'starting' : 'not-rendering';
  }
}
