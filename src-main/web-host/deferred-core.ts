import type { CoreSwitch, SwitchableCore } from '../app/core-switch';
import type { RenderProofState, RenderVerdict } from '../devices/display/render-proof';
import type { DownloadSource, EventSource, LivenessSource, RequestHandler } from './web-host';

export interface CoreEnds extends SwitchableCore {
  readonly downloads?: { take(token: string): { fileName: string; bytes: Buffer } | null };
  readonly renderProof?: { verdict(): RenderVerdict; state(): RenderProofState | null };
}

/**
 * What the web host reaches of the core through the switch: the page is served while the core is
 * still opening its store and devices (or while a new one replaces it), and the calls made
 * meanwhile wait for it instead of failing. Start-up time is the slower of the two, not their sum.
 */
export function hostEnds(cores: CoreSwitch<CoreEnds>): { dispatcher: RequestHandler; events: EventSource; downloads: DownloadSource; liveness: LivenessSource } {
  return {
    // Before the core is up the page is still loading: too early to call the screen blank.
    liveness: () => {
      const proof = cores.started()?.renderProof;
      return proof ? { verdict: proof.verdict(), proof: proof.state() } : { verdict: 'starting', proof: null };
    },
    downloads: {
      take: (token) =>
        cores.core().then(
          (c) => c.downloads?.take(token) ?? null,
          () => null,
        ),
    },
    dispatcher: { dispatch: (method, request) => cores.dispatch(method, request) },
    events: { subscribe: (listener) => cores.subscribe(listener) },
  };
}
