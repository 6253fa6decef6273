import { mkdirSync, writeFileSync } from 'node:fs';
import { connect as connectTcp } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startWebHost, type WebHost } from '../../src-main/web-host/web-host';
import { createTestCore } from '../fakes/test-core';
import { useTempDirs } from '../fakes/temp-dir';

const tempDir = useTempDirs();
const hosts: WebHost[] = [];
afterEach(async () => {
  for (const h of hosts.splice(0)) await h.close();
});

async function start() {
  const dir = tempDir();
  const rendererDir = join(dir, 'renderer');
  mkdirSync(rendererDir);
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>kiosk</title>');
  writeFileSync(join(dir, 'secret.txt'), 'outside the renderer folder');
  const { core } = await createTestCore(join(dir, 'data'));
  const host = await startWebHost({ rendererDir, dispatcher: core.dispatcher, events: core.events, logger: { log() {} }, port: 0, secret: 's3cret' });
  hosts.push(host);
  return { host, core };
}

function connect(url: string, origin: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { origin });
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.once('error', reject);
  });
}

/** Sends a request and resolves with the reply of the same id (events may arrive in between). */
function call(ws: WebSocket, message: { id: number; method: unknown; request?: unknown }): Promise<unknown> {
  return new Promise((resolve) => {
    const onMessage = (data: WebSocket.RawData) => {
      const parsed = JSON.parse(data.toString()) as { id?: number };
      if (parsed.id !== message.id) return;
      ws.off('message', onMessage);
      resolve(parsed);
    };
    ws.on('message', onMessage);
    ws.send(JSON.stringify(message));
  });
}

describe('browser host', () => {
  it('serves the renderer with a strict CSP and nothing outside its folder', async () => {
    const { host } = await start();
    const page = await fetch(`${host.origin}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toMatch(/script-src 'self'/);
    expect(page.headers.get('content-security-policy')).not.toMatch(/unsafe/);
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt', '/%00']) {
      expect((await fetch(`${host.origin}${path}`)).status).toBe(404);
    }
    expect(host.url).toBe(`${host.origin}/#k=s3cret`);
  });

  it('carries the contract over the WebSocket for a page of its origin with the secret', async () => {
    const { host } = await start();
    const ws = await connect(`${host.origin.replace('http', 'ws')}/kiosk?k=s3cret`, host.origin);
    expect(await call(ws, { id: 1, method: 'takeTicket', request: { serviceId: 'ho-tich', priority: 'none', language: 'vi' } })).toMatchObject({
      id: 1,
      reply: { ok: true, value: { display: 'B001' } },
    });
    expect(await call(ws, { id: 2, method: 'takeTicket', request: { serviceId: 5 } })).toMatchObject({
      id: 2,
      reply: { ok: false, error: { code: 'invalid_request' } },
    });
    ws.close();
  });

  it('pushes events to connected pages', async () => {
    const { host, core } = await start();
    const ws = await connect(`${host.origin.replace('http', 'ws')}/kiosk?k=s3cret`, host.origin);
    const received = new Promise((resolve) => ws.once('message', (d) => resolve(JSON.parse(d.toString()))));
    core.events.emit('deviceHealth', { device: 'printer', state: 'offline', reason: 'printer_paper_out', at: 'now' });
    expect(await received).toEqual({ event: 'deviceHealth', payload: { device: 'printer', state: 'offline', reason: 'printer_paper_out', at: 'now' } });
    ws.close();
  });

  it('refuses a wrong secret, a missing secret and a foreign origin', async () => {
    const { host } = await start();
    const wsUrl = `${host.origin.replace('http', 'ws')}/kiosk`;
    await expect(connect(`${wsUrl}?k=wrong!`, host.origin)).rejects.toThrow(/403|socket hang up|closed/);
    await expect(connect(wsUrl, host.origin)).rejects.toThrow();
    await expect(connect(`${wsUrl}?k=s3cret`, 'http://evil.example')).rejects.toThrow();
  });

  it('closes a socket that sends something other than a request, and keeps serving others', async () => {
    const { host } = await start();
    const url = `${host.origin.replace('http', 'ws')}/kiosk?k=s3cret`;
    const bad = await connect(url, host.origin);
    const closed = new Promise<number>((resolve) => bad.once('close', (code) => resolve(code)));
    bad.send('{not json');
    expect(await closed).toBe(1003);
    const good = await connect(url, host.origin);
    expect(await call(good, { id: 7, method: 'getInfo', request: {} })).toMatchObject({ id: 7, reply: { ok: true } });
    good.close();
  });

  it('answers a raw upgrade to `//` with 403 instead of exiting (new URL threw in the upgrade handler)', async () => {
    const { host } = await start();
    const { port } = new URL(host.origin);
    const answer = await rawRequest(
      Number(port),
      `GET // HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n`,
    );
    expect(answer).toMatch(/^HTTP\/1\.1 403/);
    const ws = await connect(`${host.origin.replace('http', 'ws')}/kiosk?k=s3cret`, host.origin);
    expect(await call(ws, { id: 1, method: 'getInfo', request: {} })).toMatchObject({ id: 1, reply: { ok: true } });
    ws.close();
  });

  it('answers a method that is not a string with unknown_method (String() of it threw: an unhandled rejection)', async () => {
    const { host } = await start();
    const ws = await connect(`${host.origin.replace('http', 'ws')}/kiosk?k=s3cret`, host.origin);
    expect(await call(ws, { id: 7, method: { toString: 1 } })).toMatchObject({ id: 7, reply: { ok: false, error: { code: 'unknown_method' } } });
    expect(await call(ws, { id: 8, method: { toString: null, valueOf: null }, request: {} })).toMatchObject({ id: 8, reply: { ok: false, error: { code: 'unknown_method' } } });
    expect(await call(ws, { id: 9, method: ['getInfo'], request: {} })).toMatchObject({ id: 9, reply: { ok: false, error: { code: 'unknown_method' } } });
    expect(await call(ws, { id: 10, method: 'getInfo', request: {} })).toMatchObject({ id: 10, reply: { ok: true } });
    ws.close();
  });

  it('answers internal when the request handler throws or rejects, and keeps the connection', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'renderer'));
    const logged: string[] = [];
    const host = await startWebHost({
      rendererDir: join(dir, 'renderer'),
      dispatcher: {
        dispatch: (method) => {
          if (method === 'throws') throw new Error('thrown');
          return Promise.reject(new Error('rejected'));
        },
      },
      events: { subscribe: () => () => undefined },
      logger: { log: (_level, message) => void logged.push(message) },
      port: 0,
      secret: 's3cret',
    });
    hosts.push(host);
    const ws = await connect(`${host.origin.replace('http', 'ws')}/kiosk?k=s3cret`, host.origin);
    expect(await call(ws, { id: 1, method: 'throws' })).toMatchObject({ id: 1, reply: { ok: false, error: { code: 'internal' } } });
    expect(await call(ws, { id: 2, method: 'rejects' })).toMatchObject({ id: 2, reply: { ok: false, error: { code: 'internal' } } });
    expect(logged).toEqual(['dispatch failed', 'dispatch failed']);
    ws.close();
  });
});

/** Writes raw bytes to the host and resolves with whatever comes back before the socket closes. */
function rawRequest(port: number, text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connectTcp(port, '127.0.0.1', () => socket.write(text));
    let received = '';
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => (received += chunk));
    socket.on('close', () => resolve(received));
    socket.on('error', reject);
    socket.setTimeout(3000, () => socket.destroy());
  });
}
