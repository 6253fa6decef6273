import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  contentTypeFor,
  createRendererHandler,
  KIOSK_SCHEME_PRIVILEGES,
  registerKioskScheme,
  resolveRendererAsset,
  serveRenderer,
} from '../../../src-main/electron/kiosk-protocol';
import { KIOSK_CSP } from '../../../src-main/electron/window-options';

const root = path.resolve('/srv/kiosk/dist/renderer');
const resolve = (url: string, method?: string) => resolveRendererAsset(root, url, method);

describe('resolveRendererAsset', () => {
  it('serves index.html for the origin root and for folders', () => {
    for (const url of ['kiosk://app', 'kiosk://app/', 'kiosk://app/?lang=en', 'kiosk://app/#/queue']) {
      expect(resolve(url), url).toMatchObject({ status: 200, file: path.join(root, 'index.html') });
    }
    expect(resolve('kiosk://app/assets/')).toMatchObject({ status: 200, file: path.join(root, 'assets', 'index.html') });
  });

  it('maps a path to the file inside the renderer folder, ignoring query and fragment', () => {
    expect(resolve('kiosk://app/assets/index-AbC123.js?v=1#x')).toEqual({
      status: 200,
      file: path.join(root, 'assets', 'index-AbC123.js'),
      contentType: 'text/javascript; charset=utf-8',
    });
  });

  it('decodes percent-encoded names', () => {
    expect(resolve('kiosk://app/fonts/Noto%20Sans.woff2')).toMatchObject({
      status: 200,
      file: path.join(root, 'fonts', 'Noto Sans.woff2'),
    });
  });

  it('keeps plain ../ traversal inside the folder (the URL parser folds it away)', () => {
    for (const url of ['kiosk://app/../../etc/passwd', 'kiosk://app/assets/../../../etc/passwd']) {
      const result = resolve(url);
      expect(result.status, url).toBe(200);
      if (result.status === 200) expect(result.file.startsWith(root + path.sep), url).toBe(true);
    }
  });

  it('keeps %2e%2e traversal inside the folder', () => {
    for (const url of ['kiosk://app/%2e%2e/%2e%2e/etc/passwd', 'kiosk://app/%2E%2E/secret', 'kiosk://app/.%2e/secret']) {
      const result = resolve(url);
      if (result.status === 200) expect(result.file.startsWith(root + path.sep), url).toBe(true);
      else expect(result.status, url).toBe(403);
    }
  });

  it('refuses traversal hidden behind an encoded slash', () => {
    for (const url of [
      'kiosk://app/..%2f..%2fetc%2fpasswd',
      'kiosk://app/assets/..%2F..%2F..%2Fetc%2Fpasswd',
      'kiosk://app/%2e%2e%2f%2e%2e%2fetc%2fpasswd',
      'kiosk://app/..%2frenderer-secrets%2fkey.pem',
    ]) {
      expect(resolve(url), url).toMatchObject({ status: 403 });
    }
  });

  it('refuses backslashes, drive letters and NUL bytes', () => {
    for (const url of [
      'kiosk://app/..%5c..%5cwindows%5cwin.ini',
      'kiosk://app/C:%2fWindows%2fwin.ini',
      'kiosk://app/index.html%00.png',
      'kiosk://app/index.html:secret',
    ]) {
      expect(resolve(url), url).toMatchObject({ status: 400 });
    }
  });

  it('applies the same rules with Windows paths', () => {
    const winRoot = 'C:\\kiosk\\dist\\renderer';
    const ok = resolveRendererAsset(winRoot, 'kiosk://app/assets/app.js', 'GET', path.win32);
    expect(ok).toMatchObject({ status: 200, file: 'C:\\kiosk\\dist\\renderer\\assets\\app.js' });
    expect(resolveRendererAsset(winRoot, 'kiosk://app/..%2f..%2fboot.ini', 'GET', path.win32).status).toBe(403);
    expect(resolveRendererAsset(winRoot, 'kiosk://app/..%5cboot.ini', 'GET', path.win32).status).toBe(400);
    expect(resolveRendererAsset(winRoot, 'kiosk://app/D:%2fsecret', 'GET', path.win32).status).toBe(400);
  });

  it('refuses malformed encoding, other hosts and other schemes', () => {
    expect(resolve('kiosk://app/%E0%A4%A')).toMatchObject({ status: 400 });
    expect(resolve('kiosk://other/index.html')).toMatchObject({ status: 404 });
    expect(resolve('file:///srv/kiosk/dist/renderer/index.html')).toMatchObject({ status: 404 });
    expect(resolve('::not a url')).toMatchObject({ status: 400 });
  });

  it('answers only GET and HEAD', () => {
    expect(resolve('kiosk://app/index.html', 'HEAD')).toMatchObject({ status: 200 });
    for (const method of ['POST', 'PUT', 'DELETE', 'OPTIONS']) {
      expect(resolve('kiosk://app/index.html', method), method).toMatchObject({ status: 405 });
    }
  });
});

describe('contentTypeFor', () => {
  it.each([
    ['index.html', 'text/html; charset=utf-8'],
    ['assets/index-1.js', 'text/javascript; charset=utf-8'],
    ['assets/chunk.mjs', 'text/javascript; charset=utf-8'],
    ['assets/index-1.css', 'text/css; charset=utf-8'],
    ['locales/vi.json', 'application/json; charset=utf-8'],
    ['icons/queue.svg', 'image/svg+xml'],
    ['logo.PNG', 'image/png'],
    ['photo.jpg', 'image/jpeg'],
    ['fonts/noto-sans-vietnamese.woff2', 'font/woff2'],
    ['fonts/noto.woff', 'font/woff'],
    ['sounds/ding.mp3', 'audio/mpeg'],
    ['module.wasm', 'application/wasm'],
    ['README', 'application/octet-stream'],
    ['archive.zip', 'application/octet-stream'],
  ])('%s → %s', (file, type) => {
    expect(contentTypeFor(file)).toBe(type);
  });
});

describe('createRendererHandler', () => {
  let dir: string;
  let rendererRoot: string;

  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'kiosk-protocol-'));
    rendererRoot = path.join(dir, 'renderer');
    mkdirSync(path.join(rendererRoot, 'assets'), { recursive: true });
    writeFileSync(path.join(rendererRoot, 'index.html'), '<!doctype html><title>Kiosk</title>');
    writeFileSync(path.join(rendererRoot, 'assets', 'app.js'), 'export {};');
    // Siblings whose names start like the renderer folder: a prefix check would let these out.
    mkdirSync(path.join(dir, 'renderer-secrets'));
    writeFileSync(path.join(dir, 'renderer-secrets', 'key.pem'), 'SECRET');
    writeFileSync(path.join(dir, 'secret.txt'), 'SECRET');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const get = (url: string, method = 'GET') => createRendererHandler(rendererRoot)(new Request(url, { method }));

  it('serves index.html with its type and the CSP header', async () => {
    const response = await get('kiosk://app/');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe(KIOSK_CSP);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.text()).toContain('<title>Kiosk</title>');
  });

  it('serves a script as JavaScript, so module scripts pass strict MIME checks', async () => {
    const response = await get('kiosk://app/assets/app.js');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await response.text()).toBe('export {};');
  });

  it('answers HEAD without a body', async () => {
    const response = await get('kiosk://app/index.html', 'HEAD');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-length')).toBe(String('<!doctype html><title>Kiosk</title>'.length));
    expect(await response.text()).toBe('');
  });

  it('never reads outside the renderer folder, and still sends the CSP', async () => {
    for (const url of [
      'kiosk://app/..%2fsecret.txt',
      'kiosk://app/..%2frenderer-secrets%2fkey.pem',
      'kiosk://app/%2e%2e%2fsecret.txt',
    ]) {
      const response = await get(url);
      expect(response.status, url).toBe(403);
      expect(response.headers.get('content-security-policy')).toBe(KIOSK_CSP);
      expect(await response.text()).not.toContain('SECRET');
    }
  });

  it('answers 404 for a missing file or a folder without index.html', async () => {
    expect((await get('kiosk://app/missing.js')).status).toBe(404);
    expect((await get('kiosk://app/assets')).status).toBe(404);
    expect((await get('kiosk://app/assets/')).status).toBe(404);
  });

  it('does not touch the disk for a refused request', async () => {
    const readFile = vi.fn(async () => new Uint8Array());
    const handler = createRendererHandler(rendererRoot, readFile);
    await handler(new Request('kiosk://app/..%2fsecret.txt'));
    await handler(new Request('kiosk://app/index.html', { method: 'POST', body: 'x' }));
    expect(readFile).not.toHaveBeenCalled();
  });
});

describe('scheme registration', () => {
  it('registers kiosk:// as standard, secure and fetch-capable, without CORS or CSP bypass', () => {
    const protocol = { registerSchemesAsPrivileged: vi.fn() };
    registerKioskScheme(protocol);
    expect(protocol.registerSchemesAsPrivileged).toHaveBeenCalledExactlyOnceWith([KIOSK_SCHEME_PRIVILEGES]);
    expect(KIOSK_SCHEME_PRIVILEGES).toEqual({
      scheme: 'kiosk',
      privileges: { standard: true, secure: true, supportFetchAPI: true },
    });
  });

  it('installs the file handler on the kiosk scheme', async () => {
    const protocol = { handle: vi.fn() };
    serveRenderer(protocol, root);
    expect(protocol.handle).toHaveBeenCalledOnce();
    expect(protocol.handle.mock.calls[0]?.[0]).toBe('kiosk');
  });
});
