import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Bundles a child script of tests/chaos once, inside the repo so it finds node_modules. */
export async function buildChaosChild(name: string): Promise<string> {
  const outfile = join(ROOT, `node_modules/.cache/kiosk-chaos/${name}.mjs`);
  await build({
    entryPoints: [join(ROOT, `tests/chaos/${name}.ts`)],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // pino requires node built-ins at load, which an ESM bundle cannot; from node_modules it can.
    external: ['better-sqlite3', '@napi-rs/canvas', 'pino'],
    outfile,
    logLevel: 'error',
  });
  return outfile;
}

export interface ChildRun {
  /** SIGKILLed before it finished; false when it printed DONE first. */
  killed: boolean;
  lines: string[];
}

/**
 * Runs `node <childFile> ...args`, and `killAfterMs` after it prints `startLine` sends SIGKILL.
 * A child that ends on its own first must have printed DONE (anything else fails the round).
 */
export async function runAndKill(childFile: string, args: readonly string[], startLine: string, killAfterMs: number | null): Promise<ChildRun> {
  const child = spawn(process.execPath, [childFile, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  let buffer = '';
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise<ChildRun>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      buffer += d.toString();
      let nl: number;
      while ((nl = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        lines.push(line);
        if (line === startLine && killAfterMs !== null) setTimeout(() => child.kill('SIGKILL'), killAfterMs);
      }
    });
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolve({ killed: true, lines });
      else if (code === 0 && lines.includes('DONE')) resolve({ killed: false, lines });
      else reject(new Error(`child exited ${code ?? signal}: ${stderr}`));
    });
  });
}
