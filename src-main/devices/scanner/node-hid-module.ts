import type { HidModule } from './hid-pos-scanner';

/**
 * The real node-hid, loaded only when the config asks for a HID scanner (it is a native module,
 * and needs libusb-1.0-0 on Linux). It cannot see devices in a container without USB; tests
 * drive HidPosScanner through fake HidModule objects with real report bytes instead.
 */
export async function loadNodeHid(): Promise<HidModule> {
  const hid = await import('node-hid');
  return {
    devicesAsync: () => hid.devicesAsync(),
    open: (path) => hid.HIDAsync.open(path),
  };
}
