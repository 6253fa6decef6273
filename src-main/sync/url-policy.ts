import { isIP } from 'node:net';

export class InsecurePortalUrlError extends Error {}

/**
 * The portal carries personal data, so it is spoken to over TLS; plain http is allowed only to
 * this machine (the demo and the tests run the reference portal on loopback).
 */
export function checkPortalUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new InsecurePortalUrlError(`The portal address is not a URL: ${raw.slice(0, 200)}`);
  }
  if (url.protocol === 'https:') return url;
  if (url.protocol === 'http:' && isLoopback(url.hostname)) return url;
  throw new InsecurePortalUrlError(
    `The portal address must use https:// (plain http:// is only allowed to this machine): ${url.origin}`,
  );
}

export function isLoopback(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  // An IPv4-mapped address arrives from URL as ::ffff:7f00:1, from elsewhere as ::ffff:127.0.0.1.
  if (isIP(host) === 6) return host === '::1' || /^::ffff:(127\.|7f[0-9a-f]{2}:)/.test(host);
  return false;
}
