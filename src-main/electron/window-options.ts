import type { BrowserWindowConstructorOptions } from 'electron';

/**
 * Sent with every response of the kiosk protocol. Nothing inline and no eval: the Vite build
 * emits only files, and a script injected through a rendering bug must not run. `data:` images
 * and fonts cover generated QR codes and embedded font subsets.
 */
export const KIOSK_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Painted behind the page until the first frame, so the kiosk never flashes another colour. */
export const WINDOW_BACKGROUND = '#ffffff';

export interface WindowOptionsInput {
  /** Absolute path of the built preload (dist/main/preload.cjs). */
  preloadPath: string;
  /** A packaged build: full-screen kiosk mode and no developer tools. */
  production: boolean;
}

/**
 * The one kiosk window. The renderer is treated as untrusted web content: it gets no Node, runs
 * in Chromium's sandbox and reaches the core only through the preload's `window.kiosk`.
 */
export function createWindowOptions({ preloadPath, production }: WindowOptionsInput): BrowserWindowConstructorOptions {
  return {
    title: 'Kiosk',
    width: 1280,
    height: 800,
    backgroundColor: WINDOW_BACKGROUND,
    // Shown on 'ready-to-show' so citizens never see a blank or half-painted window.
    show: false,
    ...(production ? { kiosk: true, fullscreen: true, autoHideMenuBar: true } : {}),
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      // Chromium's spellchecker would underline citizens' input and fetch dictionaries online.
      spellcheck: false,
      devTools: !production,
    },
  };
}
