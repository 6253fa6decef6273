import pino from 'pino';
import { DEFAULT_RETENTION, RotatingLogFile, type LogRetention } from './rotating-log-file';

export type { LogRetention } from './rotating-log-file';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogFields = Record<string, unknown>;
export interface Logger {
  log(level: LogLevel, message: string, fields?: LogFields): void;
}

/**
 * A last guard for text the kiosk does not write itself (a portal's error message, an
 * exception): runs of 9–12 digits (ID card, old ID, phone numbers) become `#redacted#`.
 * Callers still never log names, ID numbers, phones or addresses (decision 0022).
 */
export function redactIdentityNumbers(text: string): string {
  return text.replace(/(?<![0-9A-Za-z])(?:\+?84[ .]?)?\d(?:[ .]?\d){8,11}(?![0-9A-Za-z])/g, '#redacted#');
}

/** Every string anywhere in `value` through redactIdentityNumbers; numbers and booleans as they are. */
function redactDeep(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return redactIdentityNumbers(value);
  if (value === null || typeof value !== 'object' || depth > 8) return value;
  if (Array.isArray(value)) return value.map((v) => redactDeep(v, depth + 1));
  if (value instanceof Error) return redactIdentityNumbers(value.message);
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactDeep(v, depth + 1)]));
}

/**
 * JSON lines through pino (decision 0029) into a daily file in the data folder, and warnings and
 * errors to stderr too. The file is pino's destination, written synchronously by
 * RotatingLogFile: files older than `keepDays` go, and the oldest go first while logs/ is over
 * `maxMegabytes` (issue #21). Each line: `{"level":"warn","at":ISO,"pid":…,…fields,"message":…}`.
 */
export function createFileLogger(logDir: string, clock: { now(): Date }, retention: LogRetention = DEFAULT_RETENTION): Logger {
  const file = new RotatingLogFile(logDir, clock, retention);
  const streams = pino.multistream([
    { level: 'debug', stream: file },
    { level: 'warn', stream: { write: (line: string) => void process.stderr.write(line) } },
  ]);
  const pinoLogger = pino(
    {
      level: 'debug',
      messageKey: 'message',
      base: { pid: process.pid },
      // The injected clock, so tests and the day's file name agree with the rest of the kiosk.
      timestamp: () => `,"at":"${clock.now().toISOString()}"`,
      formatters: {
        level: (label) => ({ level: label }),
        log: (object) => redactDeep(object) as Record<string, unknown>,
      },
    },
    streams,
  );
  return {
    log(level, message, fields) {
      pinoLogger[level](fields ?? {}, redactIdentityNumbers(message));
    },
  };
}

/** One line as the memory logger keeps it: what a decorator or a test reads back. */
export interface MemoryLogLine {
  level: LogLevel;
  message: string;
  fields: LogFields;
}

/** Collects log lines in memory; for tests and tools. */
export function createMemoryLogger(): Logger & { lines: MemoryLogLine[] } {
  const lines: MemoryLogLine[] = [];
  return { lines, log: (level, message, fields = {}) => void lines.push({ level, message, fields }) };
}
