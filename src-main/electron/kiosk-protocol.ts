import { readFile as fsReadFile } from 'node:fs/promises';
import nodePath, { type PlatformPath } from 'node:path';
import type { CustomScheme } from 'electron';
import { KIOSK_HOST, KIOSK_SCHEME } from './kiosk-origin';
import { KIOSK_CSP } from './window-options';

/*
 * The renderer is served from kiosk://app/ rather than file://: module scripts need a real
 * origin, file:// would give the page the whole disk, and a custom scheme lets main set the CSP
 * header on every response.
 */

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
  '.mp3': 'audio/mpeg',
  '.wav': 'audio/wav',
  '.ogg': 'audio/ogg',
};

export const contentTypeFor = (file: string): string =>
  CONTENT_TYPES[nodePath.extname(file).toLowerCase()] ?? 'application/octet-stream';

export type AssetResolution =
  | { readonly status: 200; readonly file: string; readonly contentType: string }
  | { readonly status: 400 | 403 | 404 | 405; readonly reason: string };

/**
 * Maps a request to a file inside `rendererRoot`, or says why not. Chromium already normalises
 * `..` in standard-scheme URLs; this check does not rely on that. `pathApi` lets tests check the
 * Windows rules on Linux.
 */
export function resolveRendererAsset(
  rendererRoot: string,
  requestUrl: string,
  method = 'GET',
  pathApi: PlatformPath = nodePath,
): AssetResolution {
  if (method !== 'GET' && method !== 'HEAD') return { status: 405, reason: `method ${method} not allowed` };
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return { status: 400, reason: 'malformed URL' };
  }
  if (url.protocol !== `${KIOSK_SCHEME}:` || url.host !== KIOSK_HOST) {
    return { status: 404, reason: 'not the kiosk origin' };
  }
  let decoded: string;
  try {
    decoded = decodeURIComponent(url.pathname);
  } catch {
    return { status: 400, reason: 'malformed percent-encoding' };
  }
  // Backslashes are separators on Windows, a colon names a drive or an NTFS stream there, and
  // NUL truncates paths in native calls. Built asset names contain none of them.
  if (/[\0\\:]/.test(decoded)) return { status: 400, reason: 'forbidden character in path' };

  const segments = decoded.split('/').filter((segment) => segment !== '');
  if (decoded.endsWith('/') || segments.length === 0) segments.push('index.html');

  const root = pathApi.resolve(rendererRoot);
  const file = pathApi.resolve(root, ...segments);
  const relative = pathApi.relative(root, file);
  if (relative === '' || relative === '..' || relative.startsWith(`..${pathApi.sep}`) || pathApi.isAbsolute(relative)) {
    return { status: 403, reason: 'path leaves the renderer folder' };
  }
  return { status: 200, file, contentType: contentTypeFor(file) };
}

const baseHeaders = (contentType: string): Record<string, string> => ({
  'Content-Type': contentType,
  'Content-Security-Policy': KIOSK_CSP,
  'X-Content-Type-Options': 'nosniff',
});

export type ReadFile = (file: string) => Promise<Uint8Array>;

/** The protocol handler: a Fetch API request in, a response with the CSP header out. */
export function createRendererHandler(
  rendererRoot: string,
  readFile: ReadFile = fsReadFile,
): (request: Request) => Promise<Response> {
  return async (request) => {
    const asset = resolveRendererAsset(rendererRoot, request.url, request.method);
    if (asset.status !== 200) {
      return new Response(asset.reason, { status: asset.status, headers: baseHeaders('text/plain; charset=utf-8') });
    }
    let body: Uint8Array;
    try {
      body = await readFile(asset.file);
    } catch {
      // Missing files and folders both read as "not found"; the page never learns which.
      return new Response('not found', { status: 404, headers: baseHeaders('text/plain; charset=utf-8') });
    }
    const headers = { ...baseHeaders(asset.contentType), 'Content-Length': String(body.byteLength) };
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), { status: 200, headers });
  };
}

/**
 * Same-origin module scripts and fetch() need a standard, secure scheme. `corsEnabled` stays
 * off: it would let other origins read kiosk files, and the page loads only its own.
 */
export const KIOSK_SCHEME_PRIVILEGES: CustomScheme = {
  scheme: KIOSK_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true },
};

/** Must run before the app's 'ready' event, and Electron allows it only once. */
export function registerKioskScheme(protocol: { registerSchemesAsPrivileged(schemes: CustomScheme[]): void }): void {
  protocol.registerSchemesAsPrivileged([KIOSK_SCHEME_PRIVILEGES]);
}

/** Serves dist/renderer on kiosk://app/ once the app is ready. */
export function serveRenderer(
  protocol: { handle(scheme: string, handler: (request: Request) => Promise<Response>): void },
  rendererRoot: string,
): void {
  protocol.handle(KIOSK_SCHEME, createRendererHandler(rendererRoot));
}
