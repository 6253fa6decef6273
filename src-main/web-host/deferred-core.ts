import { fail, type Reply } from '../../src-shared/errors';
import type { EventListener } from '../kernel/event-bus';
import type { RenderProofState, RenderVerdict } from '../devices/display/render-proof';
import type { DownloadSource, EventSource, LivenessSource, RequestHandler } from './web-host';

interface CoreEnds {
  readonly dispatcher: RequestHandler;
  readonly events: EventSource;
  readonly downloads?: { take(token: string): { fileName: string; bytes: Buffer } | null };
  readonly renderProof?: { verdict(): RenderVerdict; state(): RenderProofState | null };
}

/**
 * Lets the web host serve the page while the core is still opening its store and devices: the
 * browser loads the renderer in parallel, and its first calls wait for the core instead of
 * failing. Start-up time is the slower of the two, not their sum.
 */
export function deferCore(core: Promise<CoreEnds>): { dispatcher: RequestHandler; events: EventSource; downloads: DownloadSource; liveness: LivenessSource } {
  let started: CoreEnds | null = null;
  void core.then(
    (c) => (started = c),
    () => undefined,
  );
  return {
    // Before the core is up the page is still loading: too early to call the screen blank.
    liveness: () => {
      const proof = started?.renderProof;
      return proof ? { verdict: proof.verdict(), proof: proof.state() } : { verdict: 'starting', proof: null };
    },
    downloads: {
      take: (token) =>
        core.then(
          (c) => c.downloads?.take(token) ?? null,
          () => null,
        ),
    },
    dispatcher: {
      dispatch: (method: unknown, request: unknown): Promise<Reply<unknown>> =>
        core.then(
          (c) => c.dispatcher.dispatch(method, request),
          () => fail('internal', 'The kiosk could not start. Please ask the staff.'),
        ),
    },
    events: {
      subscribe(listener: EventListener): () => void {
        let unsubscribe: (() => void) | null = null;
        let closed = false;
        void core.then(
          (c) => {
            if (!closed) unsubscribe = c.events.subscribe(listener);
          },
          () => undefined,
        );
        return () => {
          closed = true;
          unsubscribe?.();
        };
      },
    },
  };
}
