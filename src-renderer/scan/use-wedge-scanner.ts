import { useCallback, useEffect } from 'react';
import type { KioskClient } from '../../src-shared/contract';
import type { ScanEvent } from '../../src-shared/scan';
import { WedgeDetector } from './wedge-detector';

/**
 * Watches the physical keyboard for a keyboard-wedge scanner: each burst that ends in Enter is
 * taken from the page (its keys kept out of any field) and given to `onText`.
 */
export function useWedgeBursts(onText: (text: string) => void): void {
  useEffect(() => {
    const detector = new WedgeDetector();
    const onKey = (e: KeyboardEvent) => {
      const decision = detector.feed(e.key, e.timeStamp);
      if (decision.type === 'pass') return;
      e.preventDefault();
      e.stopPropagation();
      if (decision.type === 'scan') onText(decision.text);
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [onText]);
}

/**
 * A keyboard-wedge scan during a citizen's session goes to the core, which classifies it like a
 * HID scan. `onScan` gets the typed event (or nothing if the core could not be reached: the
 * citizen simply scans again).
 */
export function useWedgeScanner(kiosk: KioskClient, onScan: (event: ScanEvent) => void): void {
  useWedgeBursts(
    useCallback(
      (text: string) =>
        void kiosk.submitWedgeScan({ text }).then((reply) => {
          if (reply.ok) onScan(reply.value);
        }),
      [kiosk, onScan],
    ),
  );
}
