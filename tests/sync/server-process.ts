import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface ServerProcess {
  url: string;
  pid: number;
  /** SIGTERM, then resolves when the process has exited. */
  stop(): Promise<void>;
  /** What it wrote to stderr so far (the portal's log). */
  log(): string;
}

/**
 * Runs a TypeScript server script (through tsx) as its own process, as the portal is another
 * machine in production, and resolves with the URL it prints as `<NAME>_URL=<url>`.
 */
export function startServerProcess(script: string, args: readonly string[], wrapper: readonly string[] = []): Promise<ServerProcess> {
  // A wrapper that execs its command keeps the pid (e.g. `prlimit --fsize=N`: a disk that fills).
  const [command = process.execPath, ...before] = [...wrapper, process.execPath];
  const child = spawn(command, [...before, '--import', 'tsx', script, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise<ServerProcess>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`${script} exited (${code}) before listening: ${err}`)));
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /^[A-Z]+_URL=(\S+)$/m.exec(out);
      if (m?.[1] && child.pid !== undefined)
        resolve({
          url: m[1],
          pid: child.pid,
          stop: () => {
            child.kill('SIGTERM');
            return exited;
          },
          log: () => err,
        });
    });
  });
}
