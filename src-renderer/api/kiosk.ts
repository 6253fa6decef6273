import { createKioskClient } from '../../src-shared/client';
import type { KioskClient } from '../../src-shared/contract';
import { createWebBridge } from './web-bridge';

declare global {
  interface Window {
    /** Set by Electron's preload; in the browser host, installed by `getKiosk()`. */
    kiosk?: KioskClient;
  }
}

/**
 * The one way the UI reaches the core. The renderer does not know which host it runs in:
 * Electron's preload provides `window.kiosk`, and where it is absent we are in a browser and
 * install the WebSocket bridge under the same name.
 */
export function getKiosk(): KioskClient {
  if (!window.kiosk) window.kiosk = createKioskClient(createWebBridge());
  return window.kiosk;
}
