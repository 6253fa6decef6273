import { spawn, type ChildProcess } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { useTempDirs } from '../fakes/temp-dir';

const tempDir = useTempDirs();
const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

interface Running {
  child: ChildProcess;
  url: string;
  output: () => string;
  exited: Promise<number | null>;
}

function startChild(flags: string[]): Promise<Running> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'tests/contract/children/stray-failures-host.ts', tempDir(), ...flags], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const url = /KIOSK_URL=(\S+)/.exec(output)?.[1];
      if (url !== undefined) resolve({ child, url, output: () => output, exited });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    void exited.then((code) => reject(new Error(`child exited (${code}) before listening:\n${output}`)));
  });
}

async function connect(url: string): Promise<WebSocket> {
  const { origin, hash } = new URL(url);
  const ws = new WebSocket(`${origin.replace('http', 'ws')}/kiosk?${hash.slice(1)}`, { origin });
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  return ws;
}

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
    const host = await startChild([]);
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
    const host = await startChild(['--unguarded']);
    const ws = await connect(host.url);
    ws.on('error', () => undefined);
    ws.send(JSON.stringify({ id: 1, method: 'getInfo', request: {} }));
    expect(await host.exited).not.toBe(0);
    expect(host.output()).toMatch(/stray rejection in a handler/);
  }, 30_000);
});
