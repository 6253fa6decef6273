import { useEffect } from 'react';
import type { KioskClient } from '../../src-shared/contract';
import type { ScanEvent } from '../../src-shared/scan';
import { WedgeDetector } from './wedge-detector';

/**
 * Watches the physical keyboard for a keyboard-wedge scanner and sends each scan to the core,
 * which classifies it like a HID scan. `onScan` gets the typed event (or nothing if the core
 * could not be reached: the citizen simply scans again).
 */
export function useWedgeScanner(kiosk: KioskClient, onScan: (event: ScanEvent) => void): void {
  useEffect(() => {
    const detector = new WedgeDetector();
    const onKey = (e: KeyboardEvent) => {
      const decision = detector.feed(e.key, e.timeStamp);
      if (decision.type === 'pass') return;
      e.preventDefault();
      e.stopPropagation();
      if (decision.type === 'scan') {
        void kiosk.submitWedgeScan({ text: decision.text }).then((reply) => {
          if (reply.ok) onScan(reply.value);
        });
      }
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [kiosk, onScan]);
}
