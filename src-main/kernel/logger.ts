import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export interface Logger {
  log(level: LogLevel, message: string, fields?: Record<string, unknown>): void;
}

/**
 * A last guard for text the kiosk does not write itself (a portal's error message, an
 * exception): runs of 9–12 digits (ID card, old ID, phone numbers) become `#redacted#`.
 * Callers still never log names, ID numbers, phones or addresses (decision 0022).
 */
export function redactIdentityNumbers(text: string): string {
  return text.replace(/(?<![0-9A-Za-z])(?:\+?84[ .]?)?\d(?:[ .]?\d){8,11}(?![0-9A-Za-z])/g, '#redacted#');
}

/** JSON lines to a daily file in the data folder, and warnings and errors to stderr. */
export function createFileLogger(logDir: string, clock: { now(): Date }): Logger {
  try {
    // Owner only (decision 0022); the lines themselves never carry names, ID numbers or addresses.
    mkdirSync(logDir, { recursive: true, mode: 0o700 });
  } catch (error) {
    // A read-only or full data folder must not stop the kiosk from starting and saying so on
    // screen; its lines still reach stderr (the service manager's journal).
    process.stderr.write(`${JSON.stringify({ at: clock.now().toISOString(), level: 'error', message: 'log folder not writable', logDir, error: String(error) })}\n`);
  }
  return {
    log(level, message, fields) {
      const at = clock.now();
      const line = JSON.stringify({ at: at.toISOString(), level, message, ...fields }, (_key, value: unknown) =>
        typeof value === 'string' ? redactIdentityNumbers(value) : value,
      );
      try {
        appendFileSync(join(logDir, `kiosk-${at.toISOString().slice(0, 10)}.log`), line + '\n', { mode: 0o600 });
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
