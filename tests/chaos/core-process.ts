import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { Reply } from '../../src-shared/errors';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface CoreProcess {
  pid: number;
  call<T>(method: string, request: unknown): Promise<Reply<T>>;
  /** Ends stdin: the child closes its core (store included) and exits. */
  stop(): Promise<void>;
}

/** Starts tests/chaos/core-child.ts on `dataDir` and talks to its dispatcher over stdin/stdout. */
export async function startCoreProcess(dataDir: string): Promise<CoreProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'tests/chaos/core-child.ts'), dataDir], {
    cwd: ROOT,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const waiting = new Map<number, (reply: Reply<unknown>) => void>();
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`core child not ready in 20 s: ${stderr}`)), 20_000);
    child.once('exit', (code) => reject(new Error(`core child exited ${code}: ${stderr}`)));
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (line === 'READY') {
        clearTimeout(timer);
        resolve();
      }
      const match = /^REPLY (\d+) (.*)$/.exec(line);
      if (match) waiting.get(Number(match[1]))?.(JSON.parse(match[2] ?? 'null') as Reply<unknown>);
    });
  });
  let next = 0;
  return {
    pid: child.pid ?? 0,
    call: <T>(method: string, request: unknown) =>
      new Promise<Reply<T>>((resolve) => {
        const id = next++;
        waiting.set(id, resolve as (reply: Reply<unknown>) => void);
        child.stdin.write(`${JSON.stringify({ id, method, request })}\n`);
      }),
    stop: async () => {
      child.stdin.end();
      await exited;
    },
  };
}
