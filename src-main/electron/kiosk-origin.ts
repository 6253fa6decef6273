/** The renderer is served only from this origin; navigation, IPC and the protocol all check it. */
export const KIOSK_SCHEME = 'kiosk';
export const KIOSK_HOST = 'app';
export const KIOSK_ORIGIN = `${KIOSK_SCHEME}://${KIOSK_HOST}`;
export const KIOSK_START_URL = `${KIOSK_ORIGIN}/index.html`;

/**
 * Compares scheme and host (with port) of two URLs. A string prefix test would accept
 * `kiosk://app.evil/` or `kiosk://app@evil/`, and Node's URL gives custom schemes an opaque
 * `origin` of "null", so the parts are compared one by one.
 */
export function isSameOrigin(url: string, origin: string): boolean {
  let target: URL;
  let expected: URL;
  try {
    target = new URL(url);
    expected = new URL(origin);
  } catch {
    return false;
  }
  return (
    target.protocol === expected.protocol &&
    target.host !== '' &&
    target.host === expected.host &&
    target.username === '' &&
    target.password === ''
  );
}
