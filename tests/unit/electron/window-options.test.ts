import { describe, expect, it } from 'vitest';
import { createWindowOptions, KIOSK_CSP } from '../../../src-main/electron/window-options';

const preloadPath = '/opt/kiosk/dist/main/preload.cjs';

describe('createWindowOptions', () => {
  for (const production of [true, false]) {
    it(`locks the renderer down (production: ${production})`, () => {
      const prefs = createWindowOptions({ preloadPath, production }).webPreferences;
      expect(prefs).toMatchObject({
        preload: preloadPath,
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        nodeIntegrationInWorker: false,
        nodeIntegrationInSubFrames: false,
        webviewTag: false,
        webSecurity: true,
        allowRunningInsecureContent: false,
        spellcheck: false,
      });
    });

    it(`stays hidden until ready-to-show and paints a background (production: ${production})`, () => {
      const options = createWindowOptions({ preloadPath, production });
      expect(options.show).toBe(false);
      expect(options.backgroundColor).toMatch(/^#[0-9a-f]{6}$/i);
    });
  }

  it('runs full-screen in kiosk mode without developer tools in production', () => {
    const options = createWindowOptions({ preloadPath, production: true });
    expect(options.kiosk).toBe(true);
    expect(options.fullscreen).toBe(true);
    expect(options.autoHideMenuBar).toBe(true);
    expect(options.webPreferences?.devTools).toBe(false);
  });

  it('keeps a normal window with developer tools in development', () => {
    const options = createWindowOptions({ preloadPath, production: false });
    expect(options.kiosk).toBeUndefined();
    expect(options.fullscreen).toBeUndefined();
    expect(options.webPreferences?.devTools).toBe(true);
  });
});

describe('KIOSK_CSP', () => {
  const directives = new Map(
    KIOSK_CSP.split(';').map((d) => {
      const [name = '', ...values] = d.trim().split(/\s+/);
      return [name, values] as const;
    }),
  );

  it('allows nothing inline and no eval', () => {
    expect(KIOSK_CSP).not.toContain('unsafe-inline');
    expect(KIOSK_CSP).not.toContain('unsafe-eval');
    expect(KIOSK_CSP).not.toContain('unsafe-hashes');
    expect(KIOSK_CSP).not.toContain('*');
  });

  it('limits every fetch directive to the kiosk itself', () => {
    expect(directives.get('default-src')).toEqual(["'self'"]);
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('style-src')).toEqual(["'self'"]);
    expect(directives.get('connect-src')).toEqual(["'self'"]);
    expect(directives.get('img-src')).toEqual(["'self'", 'data:']);
    expect(directives.get('font-src')).toEqual(["'self'", 'data:']);
  });

  it('forbids plugins, base rewriting, form posts and framing', () => {
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('base-uri')).toEqual(["'none'"]);
    expect(directives.get('form-action')).toEqual(["'none'"]);
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
  });

  it('is the exact policy the design names', () => {
    expect(KIOSK_CSP).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self' data:; " +
        "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    );
  });
});
