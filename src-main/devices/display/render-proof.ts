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
export class RenderProof {
  private last: { screen: string; at: number } | null = null;

  constructor(private readonly clock: Clock) {}

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
}
