import { describe, expect, it } from 'vitest';
import type WebSocket from 'ws';
import { connectToChild, useHostChildren } from './children/spawn-host';

const startChild = useHostChildren();
const connect = connectToChild;

function call(ws: WebSocket, id: number, method: string, request: unknown): Promise<{ id: number; reply: { ok: boolean } }> {
  return new Promise((resolve, reject) => {
    const onMessage = (data: WebSocket.RawData) => {
      const parsed = JSON.parse(data.toString()) as { id?: number; reply: { ok: boolean } };
      if (parsed.id !== id) return;
      ws.off('message', onMessage);
      resolve({ id, reply: parsed.reply });
    };
    ws.on('message', onMessage);
    ws.once('close', () => reject(new Error('socket closed')));
    ws.send(JSON.stringify({ id, method, request }));
  });
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('stray failures in the web host process', () => {
  it('logs a rejection left by a handler, a throw in a timer and a rejecting event listener, and keeps answering', async () => {
    const host = await startChild(['--guard', '--stray-failures']);
    const ws = await connect(host.url);
    expect((await call(ws, 1, 'getInfo', {})).reply.ok).toBe(true);
    expect((await call(ws, 2, 'submitWedgeScan', { text: 'hello' })).reply.ok).toBe(true);
    await pause(200);
    expect((await call(ws, 3, 'getInfo', {})).reply.ok).toBe(true);
    expect(host.child.exitCode).toBeNull();
    const log = host.output();
    expect(log).toMatch(/unhandled rejection survived.*stray rejection in a handler/);
    expect(log).toMatch(/uncaught exception survived.*throw in a timer/);
    expect(log).toMatch(/unhandled rejection survived.*scan listener rejected/);
    ws.close();
  }, 30_000);

  it('without the guard the same handler ends the process (the failures above are real)', async () => {
    const host = await startChild(['--stray-failures']);
    const ws = await connect(host.url);
    ws.on('error', () => undefined);
    ws.send(JSON.stringify({ id: 1, method: 'getInfo', request: {} }));
    expect(await host.exited).not.toBe(0);
    expect(host.output()).toMatch(/stray rejection in a handler/);
  }, 30_000);
});
