import type { RenderProofState } from '../devices/display/render-proof';
import { RENDER_PROOF_FRESH_SECONDS } from '../devices/display/render-proof';

/** The attract screen's testid, as the render proof names it (src-renderer/screens/AttractScreen.tsx). */
export const ATTRACT_SCREEN = 'screen-attract';

export interface KioskActivity {
  /** Set by startCitizenSession, cleared by endCitizenSession (the renderer's first tap / its reset). */
  readonly citizenSession: boolean;
  readonly staffSession: boolean;
  readonly render: RenderProofState | null;
}

/**
 * Between citizens: nobody is using the kiosk and the screen proves the attract screen. Main
 * learns of a citizen's first tap at once (startCitizenSession) and of the screen every 10 s
 * (the render proof), so a citizen who just tapped is seen by the first, a renderer that
 * stopped proving its paints is not called idle.
 */
export function kioskIdle(a: KioskActivity): boolean {
  return !a.citizenSession && !a.staffSession && a.render !== null && a.render.screen === ATTRACT_SCREEN && a.render.ageSeconds <= RENDER_PROOF_FRESH_SECONDS;
}
