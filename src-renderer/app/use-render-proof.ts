import { useEffect } from 'react';
import type { KioskClient } from '../../src-shared/contract';

/** How often the renderer proves a paint; main calls a proof older than 30 s a frozen screen. */
export const RENDER_PROOF_EVERY_MS = 10_000;

/** The screen actually in the document and laid out (a blank page has none): its testid. */
export function shownScreen(doc: Document): string | null {
  // Every screen is a <main> but the attract screen, one big button.
  const main = doc.querySelector<HTMLElement>('main[data-testid]') ?? doc.querySelector<HTMLElement>('[data-testid^="screen-"]');
  if (!main) return null;
  const box = main.getBoundingClientRect();
  const id = main.dataset['testid'] ?? '';
  return box.width > 0 && box.height > 0 && /^[a-z0-9-]{1,64}$/.test(id) ? id : null;
}

/**
 * The render proof (issue #19): every few seconds, after two animation frames (the first runs
 * before a paint, the second after it), tell main which screen is shown. A renderer whose script
 * is stuck, whose frames stopped, or whose document is blank sends nothing, and the fleet sees it.
 */
export function useRenderProof(kiosk: KioskClient): void {
  useEffect(() => {
    let frame = 0;
    const prove = () => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => {
        frame = requestAnimationFrame(() => {
          const screen = shownScreen(document);
          if (screen !== null) void kiosk.reportRendered({ screen });
        });
      });
    };
    prove();
    const timer = setInterval(prove, RENDER_PROOF_EVERY_MS);
    return () => {
      clearInterval(timer);
      cancelAnimationFrame(frame);
    };
  }, [kiosk]);
}
