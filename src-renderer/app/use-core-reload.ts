import { useEffect } from 'react';
import type { KioskClient } from '../../src-shared/contract';

/**
 * A new core runs from a new configuration (set-up finished, central configuration applied):
 * the page loads anew, so the services, texts and idle times it shows are the new ones. Main
 * starts a new core only between citizens, so no one's session is cut.
 */
export function useCoreReload(kiosk: KioskClient, reloadPage: () => void = () => window.location.reload()): void {
  useEffect(() => kiosk.on('kioskReloaded', () => reloadPage()), [kiosk, reloadPage]);
}
