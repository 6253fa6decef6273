import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { isSameOrigin, KIOSK_ORIGIN } from '../../../src-main/electron/kiosk-origin';
import {
  hardenAllWebContents,
  hardenSession,
  hardenWebContents,
  type HardenableSession,
} from '../../../src-main/electron/security';

/** An event like Electron's: records whether a listener prevented the default action. */
function fakeEvent(url = '') {
  let prevented = false;
  return {
    url,
    preventDefault: () => void (prevented = true),
    get prevented() {
      return prevented;
    },
  };
}

class FakeSession extends EventEmitter implements HardenableSession {
  requestHandler?: Parameters<HardenableSession['setPermissionRequestHandler']>[0];
  checkHandler?: Parameters<HardenableSession['setPermissionCheckHandler']>[0];
  deviceHandler?: Parameters<HardenableSession['setDevicePermissionHandler']>[0];
  setPermissionRequestHandler(handler: NonNullable<FakeSession['requestHandler']>): void {
    this.requestHandler = handler;
  }
  setPermissionCheckHandler(handler: NonNullable<FakeSession['checkHandler']>): void {
    this.checkHandler = handler;
  }
  setDevicePermissionHandler(handler: NonNullable<FakeSession['deviceHandler']>): void {
    this.deviceHandler = handler;
  }
}

class FakeWebContents extends EventEmitter {
  openHandler?: (details: { url: string }) => { action: 'deny' };
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void {
    this.openHandler = handler;
  }
}

const permissions = ['media', 'geolocation', 'notifications', 'openExternal', 'display-capture', 'fullscreen'];

describe('hardenSession', () => {
  it('denies every permission request', () => {
    const session = new FakeSession();
    hardenSession(session);
    for (const permission of permissions) {
      const callback = vi.fn();
      session.requestHandler?.({}, permission, callback);
      expect(callback).toHaveBeenCalledExactlyOnceWith(false);
    }
  });

  it('answers every permission check with false', () => {
    const session = new FakeSession();
    hardenSession(session);
    for (const permission of [...permissions, 'hid', 'serial', 'usb', 'clipboard-read']) {
      expect(session.checkHandler?.(null, permission)).toBe(false);
    }
    expect(session.deviceHandler?.({ deviceType: 'hid' })).toBe(false);
  });

  it('cancels HID, serial and USB device choosers', () => {
    const session = new FakeSession();
    hardenSession(session);

    const hid = fakeEvent();
    const hidCallback = vi.fn();
    session.emit('select-hid-device', hid, { deviceList: [{ deviceId: 'scanner' }] }, hidCallback);
    expect(hid.prevented).toBe(true);
    expect(hidCallback).toHaveBeenCalledExactlyOnceWith();

    const serial = fakeEvent();
    const serialCallback = vi.fn();
    session.emit('select-serial-port', serial, [{ portId: 'COM1' }], {}, serialCallback);
    expect(serial.prevented).toBe(true);
    expect(serialCallback).toHaveBeenCalledExactlyOnceWith('');

    const usb = fakeEvent();
    const usbCallback = vi.fn();
    session.emit('select-usb-device', usb, { deviceList: [{ deviceId: 'printer' }] }, usbCallback);
    expect(usb.prevented).toBe(true);
    expect(usbCallback).toHaveBeenCalledExactlyOnceWith();
  });
});

describe('hardenWebContents', () => {
  const hardened = () => {
    const contents = new FakeWebContents();
    hardenWebContents(contents, KIOSK_ORIGIN);
    return contents;
  };

  for (const name of ['will-navigate', 'will-frame-navigate', 'will-redirect']) {
    it(`${name}: blocks other origins`, () => {
      const contents = hardened();
      for (const url of [
        'https://example.com/',
        'http://127.0.0.1:5173/',
        'file:///etc/passwd',
        'kiosk://other/index.html',
        'kiosk://app.evil.example/index.html',
        'kiosk://app@evil.example/index.html',
        'javascript:alert(1)',
        'data:text/html,<h1>x</h1>',
        'not a url',
      ]) {
        const event = fakeEvent(url);
        contents.emit(name, event);
        expect(event.prevented, url).toBe(true);
      }
    });

    it(`${name}: allows the kiosk origin`, () => {
      const contents = hardened();
      for (const url of ['kiosk://app/index.html', 'kiosk://app/', 'kiosk://app/index.html#/queue']) {
        const event = fakeEvent(url);
        contents.emit(name, event);
        expect(event.prevented, url).toBe(false);
      }
    });
  }

  it('denies every new window', () => {
    const contents = hardened();
    expect(contents.openHandler?.({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
    expect(contents.openHandler?.({ url: 'kiosk://app/index.html' })).toEqual({ action: 'deny' });
  });

  it('refuses to attach a <webview>', () => {
    const contents = hardened();
    const event = fakeEvent();
    contents.emit('will-attach-webview', event, {}, { src: 'https://example.com/' });
    expect(event.prevented).toBe(true);
  });

  it('cancels the Bluetooth chooser instead of letting Electron pick a device', () => {
    const contents = hardened();
    const event = fakeEvent();
    const callback = vi.fn();
    contents.emit('select-bluetooth-device', event, [{ deviceId: 'x' }], callback);
    expect(event.prevented).toBe(true);
    expect(callback).toHaveBeenCalledExactlyOnceWith('');
  });

  it('does not let a page block unloading', () => {
    const contents = hardened();
    const event = fakeEvent();
    contents.emit('will-prevent-unload', event);
    expect(event.prevented).toBe(true);
  });
});

describe('hardenAllWebContents', () => {
  it('hardens each web contents as the app creates it', () => {
    const app = new EventEmitter();
    hardenAllWebContents(app, KIOSK_ORIGIN);
    const contents = new FakeWebContents();
    app.emit('web-contents-created', fakeEvent(), contents);
    expect(contents.openHandler?.({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
    const event = fakeEvent('https://example.com/');
    contents.emit('will-navigate', event);
    expect(event.prevented).toBe(true);
  });
});

describe('isSameOrigin', () => {
  it('compares scheme, host and port, not a string prefix', () => {
    expect(isSameOrigin('kiosk://app/index.html', 'kiosk://app')).toBe(true);
    expect(isSameOrigin('kiosk://app.evil/index.html', 'kiosk://app')).toBe(false);
    expect(isSameOrigin('kiosk://app@evil/index.html', 'kiosk://app')).toBe(false);
    expect(isSameOrigin('kiosk://user@app/index.html', 'kiosk://app')).toBe(false);
    expect(isSameOrigin('kiosk://:pw@app/index.html', 'kiosk://app')).toBe(false);
    expect(isSameOrigin('kiosk://app:8080/', 'kiosk://app')).toBe(false);
    expect(isSameOrigin('http://127.0.0.1:5173/x', 'http://127.0.0.1:5173')).toBe(true);
    expect(isSameOrigin('http://127.0.0.1:5174/x', 'http://127.0.0.1:5173')).toBe(false);
    expect(isSameOrigin('', 'kiosk://app')).toBe(false);
  });
});
