import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export interface Logger {
  log(level: LogLevel, message: string, fields?: Record<string, unknown>): void;
}

/** JSON lines to a daily file in the data folder, and warnings and errors to stderr. */
export function createFileLogger(logDir: string, clock: { now(): Date }): Logger {
  try {
    mkdirSync(logDir, { recursive: true });
  } catch (error) {
    // A read-only or full data folder must not stop the kiosk from starting and saying so on
    // screen; its lines still reach stderr (the service manager's journal).
    process.stderr.write(`${JSON.stringify({ at: clock.now().toISOString(), level: 'error', message: 'log folder not writable', logDir, error: String(error) })}\n`);
  }
  return {
    log(level, message, fields) {
      const at = clock.now();
      const line = JSON.stringify({ at: at.toISOString(), level, message, ...fields });
      try {
        appendFileSync(join(logDir, `kiosk-${at.toISOString().slice(0, 10)}.log`), line + '\n');
      } catch {
        // A full disk must not take the kiosk down because of a log line.
      }
      if (level === 'warn' || level === 'error') process.stderr.write(line + '\n');
    },
  };
}

/** Collects log lines in memory; for tests and tools. */
export function createMemoryLogger(): Logger & { lines: { level: LogLevel; message: string }[] } {
  const lines: { level: LogLevel; message: string }[] = [];
  return { lines, log: (level, message) => void lines.push({ level, message }) };
}
