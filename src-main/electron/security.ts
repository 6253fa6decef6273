import { isSameOrigin } from './kiosk-origin';

/*
 * The Electron objects are taken as parameters, typed by the few members used, so these rules
 * run under plain Node in unit tests. Electron's own Session, WebContents and App satisfy these
 * shapes; main.ts passes the real ones and the compiler checks the fit.
 */

export interface Preventable {
  preventDefault(): void;
}

export interface NavigationEvent extends Preventable {
  readonly url: string;
}

export interface HardenableSession {
  setPermissionRequestHandler(
    handler: (webContents: unknown, permission: string, callback: (granted: boolean) => void) => void,
  ): void;
  setPermissionCheckHandler(handler: (webContents: unknown, permission: string) => boolean): void;
  setDevicePermissionHandler(handler: (details: unknown) => boolean): void;
  on(
    event: 'select-hid-device',
    listener: (event: Preventable, details: unknown, callback: (deviceId?: string | null) => void) => void,
  ): unknown;
  on(
    event: 'select-serial-port',
    listener: (event: Preventable, portList: unknown, webContents: unknown, callback: (portId: string) => void) => void,
  ): unknown;
  on(
    event: 'select-usb-device',
    listener: (event: Preventable, details: unknown, callback: (deviceId?: string) => void) => void,
  ): unknown;
}

export interface HardenableWebContents {
  on(event: 'will-navigate', listener: (event: NavigationEvent) => void): unknown;
  on(event: 'will-frame-navigate', listener: (event: NavigationEvent) => void): unknown;
  on(event: 'will-redirect', listener: (event: NavigationEvent) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: Preventable) => void): unknown;
  on(
    event: 'select-bluetooth-device',
    listener: (event: Preventable, devices: unknown, callback: (deviceId: string) => void) => void,
  ): unknown;
  on(event: 'will-prevent-unload', listener: (event: Preventable) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
}

export interface WebContentsCreatedSource {
  on(event: 'web-contents-created', listener: (event: unknown, contents: HardenableWebContents) => void): unknown;
}

/**
 * Electron grants every permission by default (camera, microphone, geolocation, notifications,
 * WebHID...). The kiosk's devices are driven from the main process, so the page needs none.
 */
export function hardenSession(session: HardenableSession): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
  // Without a listener Electron may pick a device itself; cancel every chooser instead.
  session.on('select-hid-device', (event, _details, callback) => {
    event.preventDefault();
    callback();
  });
  session.on('select-serial-port', (event, _ports, _contents, callback) => {
    event.preventDefault();
    callback('');
  });
  session.on('select-usb-device', (event, _details, callback) => {
    event.preventDefault();
    callback();
  });
}

/**
 * Keeps a page on the kiosk origin: no navigation or redirect elsewhere, no new windows, no
 * <webview>. Links out are never handed to the OS (no shell.openExternal): a citizen must not be
 * able to leave the kiosk through a link in a service description.
 */
export function hardenWebContents(contents: HardenableWebContents, allowedOrigin: string): void {
  const keepOnOrigin = (event: NavigationEvent): void => {
    if (!isSameOrigin(event.url, allowedOrigin)) event.preventDefault();
  };
  contents.on('will-navigate', keepOnOrigin);
  // Subframes navigate without 'will-navigate'; CSP already limits frames to 'self'.
  contents.on('will-frame-navigate', keepOnOrigin);
  contents.on('will-redirect', keepOnOrigin);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  // If not cancelled here, Electron selects the first Bluetooth device on its own.
  contents.on('select-bluetooth-device', (event, _devices, callback) => {
    event.preventDefault();
    callback('');
  });
  // A page's beforeunload must never block the kiosk from shutting down or reloading.
  contents.on('will-prevent-unload', (event) => event.preventDefault());
}

/** Hardens every web contents the app ever creates, including ones the kiosk did not ask for. */
export function hardenAllWebContents(app: WebContentsCreatedSource, allowedOrigin: string): void {
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, allowedOrigin));
}
