import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach } from 'vitest';
import WebSocket from 'ws';

export interface HostChild {
  child: ChildProcess;
  /** `http://127.0.0.1:PORT/#k=SECRET`, as the host printed it. */
  url: string;
  /** Everything the child wrote so far, stdout and stderr. */
  output: () => string;
  exited: Promise<number | null>;
}

/**
 * Starts host-child.ts processes with the given flags; each is killed and its data folder
 * removed after its test (`each`) or after the file (`all`).
 */
export function useHostChildren(scope: 'each' | 'all' = 'each'): (flags: string[]) => Promise<HostChild> {
  const started: { child: ChildProcess; dir: string }[] = [];
  (scope === 'each' ? afterEach : afterAll)(async () => {
    for (const { child, dir } of started.splice(0)) {
      if (child.exitCode === null && child.signalCode === null) {
        const gone = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGKILL');
        await gone;
      }
      rmSync(dir, { recursive: true, force: true });
    }
  });
  return (flags) => {
    const dir = mkdtempSync(join(tmpdir(), 'kiosk-host-child-'));
    const child = spawn(process.execPath, ['--import', 'tsx', 'tests/contract/children/host-child.ts', dir, ...flags], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    started.push({ child, dir });
    let output = '';
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    return new Promise((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const url = /KIOSK_URL=(\S+)/.exec(output)?.[1];
        if (url !== undefined) resolve({ child, url, output: () => output, exited });
      });
      child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
      void exited.then((code) => reject(new Error(`child exited (${code}) before listening:\n${output}`)));
    });
  };
}

/** An authenticated WebSocket to a child's host, from its own origin with its secret. */
export async function connectToChild(url: string): Promise<WebSocket> {
  const { origin, hash } = new URL(url);
  const ws = new WebSocket(`${origin.replace('http', 'ws')}/kiosk?${hash.slice(1)}`, { origin });
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  return ws;
}
