import { spawn } from 'node:child_process';
import type { Readable } from 'node:stream';

/** A started child process, as much of it as a driver needs. */
export interface SpawnedProcess {
  readonly stdout: Readable;
  readonly stderr: Readable;
  /** Signals the process and everything it started. */
  kill(signal: NodeJS.Signals): void;
  /** Settles once, when the process ended and its output closed, or could not start (`error`). */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; error?: NodeJS.ErrnoException }>;
}

export type ProcessSpawner = (command: string, args: readonly string[], env: NodeJS.ProcessEnv) => SpawnedProcess;

/**
 * Spawns in a process group of its own so a kill reaches a wrapper script's children too
 * (vendors ship `scanimage` wrappers; a hung USB read must not outlive a cancel).
 */
export const nodeSpawner: ProcessSpawner = (command, args, env) => {
  const child = spawn(command, args, { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; error?: NodeJS.ErrnoException }>(
    (resolve) => {
      child.once('error', (error) => resolve({ code: null, signal: null, error }));
      child.once('close', (code, signal) => resolve({ code, signal }));
    },
  );
  return {
    stdout: child.stdout,
    stderr: child.stderr,
    exited,
    kill(signal) {
      if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
      try {
        process.kill(-child.pid, signal);
      } catch {
        child.kill(signal); // the group is gone already; make sure the leader is too
      }
    },
  };
};

export interface RunOptions {
  env: NodeJS.ProcessEnv;
  signal?: AbortSignal;
  /** Ends the process when it neither finished nor called `touch()` for this long. */
  idleTimeoutMs: number;
  /** After SIGTERM (which lets scanimage cancel the scan cleanly), SIGKILL follows after this. */
  killGraceMs: number;
  onStdoutLine?: (line: string) => void;
  /**
   * The process said it is done (judged from its stderr so far) but may hang while closing the
   * device: if it has not exited `afterMs` later, it is ended as `finished`.
   */
  finishedWhen?: { stderr: RegExp; afterMs: number };
}

export interface RunResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  /** The last 8 kB of stderr. */
  stderr: string;
  /** Why the kiosk ended it, if it did. */
  endedBy: 'timeout' | 'aborted' | 'stopped' | 'finished' | null;
  spawnError?: NodeJS.ErrnoException;
}

export interface RunningProcess {
  readonly result: Promise<RunResult>;
  /** The process made progress: restart the idle timer. */
  touch(): void;
  /** Ends the process early because the kiosk has what it needs. */
  stop(): void;
}

const STDERR_KEEP = 8192;

/** Runs a command with an idle timeout and cancellation; resolves only after the process is gone. */
export function runProcess(spawner: ProcessSpawner, command: string, args: readonly string[], options: RunOptions): RunningProcess {
  const child = spawner(command, args, options.env);
  let stdout = '';
  let pending = '';
  let stderr = '';
  let endedBy: RunResult['endedBy'] = null;
  let idleTimer: NodeJS.Timeout | undefined;
  let killTimer: NodeJS.Timeout | undefined;
  let finishTimer: NodeJS.Timeout | undefined;

  const end = (why: NonNullable<RunResult['endedBy']>): void => {
    if (endedBy) return;
    endedBy = why;
    clearTimeout(idleTimer);
    child.kill('SIGTERM');
    killTimer = setTimeout(() => child.kill('SIGKILL'), options.killGraceMs);
  };
  const touch = (): void => {
    if (endedBy) return;
    clearTimeout(idleTimer);
    idleTimer = setTimeout(() => end('timeout'), options.idleTimeoutMs);
  };
  const onAbort = (): void => end('aborted');

  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => {
    stdout += chunk;
    pending += chunk;
    let newline: number;
    while ((newline = pending.indexOf('\n')) >= 0) {
      const line = pending.slice(0, newline).replace(/\r$/, '');
      pending = pending.slice(newline + 1);
      if (line) options.onStdoutLine?.(line);
    }
  });
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-STDERR_KEEP);
    const finished = options.finishedWhen;
    if (finished && !finishTimer && finished.stderr.test(stderr)) finishTimer = setTimeout(() => end('finished'), finished.afterMs);
  });
  touch();
  if (options.signal?.aborted) onAbort();
  options.signal?.addEventListener('abort', onAbort, { once: true });

  const result = child.exited.then(({ code, signal, error }) => {
    clearTimeout(idleTimer);
    clearTimeout(killTimer);
    clearTimeout(finishTimer);
    options.signal?.removeEventListener('abort', onAbort);
    if (pending && !error) options.onStdoutLine?.(pending);
    return { code, signal, stdout, stderr, endedBy, ...(error ? { spawnError: error } : {}) };
  });
  return { result, touch, stop: () => end('stopped') };
}
