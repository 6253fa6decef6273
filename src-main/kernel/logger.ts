import { appendFileSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
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

/** How much of logs/ is kept: whole days, and a total size that also bounds a noisy day. */
export interface LogRetention {
  keepDays: number;
  maxMegabytes: number;
}

const DEFAULT_RETENTION: LogRetention = { keepDays: 30, maxMegabytes: 200 };
const DAY_MS = 86_400_000;
/** kiosk-2026-12-06.log, then kiosk-2026-12-06.1.log … when a day's file reaches its share of the cap. */
const LOG_FILE = /^kiosk-(\d{4}-\d{2}-\d{2})(?:\.(\d+))?\.log$/;
/** A day's file is cut into parts so the size cap can remove its oldest part, never the one being written. */
const PARTS_PER_CAP = 8;

interface LogFile {
  name: string;
  day: string;
  part: number;
  bytes: number;
}

function listLogFiles(logDir: string): LogFile[] {
  const files: LogFile[] = [];
  for (const name of readdirSync(logDir)) {
    const match = LOG_FILE.exec(name);
    if (!match?.[1]) continue;
    files.push({ name, day: match[1], part: Number(match[2] ?? 0), bytes: statSync(join(logDir, name)).size });
  }
  // Oldest first: by day, then by part.
  return files.sort((a, b) => (a.day === b.day ? a.part - b.part : a.day < b.day ? -1 : 1));
}

const fileName = (day: string, part: number) => (part === 0 ? `kiosk-${day}.log` : `kiosk-${day}.${part}.log`);

/**
 * JSON lines to a daily file in the data folder, and warnings and errors to stderr. Files older
 * than `keepDays` go, and the oldest go first while logs/ is over `maxMegabytes` (issue #21).
 */
export function createFileLogger(logDir: string, clock: { now(): Date }, retention: LogRetention = DEFAULT_RETENTION): Logger {
  try {
    // Owner only (decision 0022); the lines themselves never carry names, ID numbers or addresses.
    mkdirSync(logDir, { recursive: true, mode: 0o700 });
  } catch (error) {
    // A read-only or full data folder must not stop the kiosk from starting and saying so on
    // screen; its lines still reach stderr (the service manager's journal).
    process.stderr.write(`${JSON.stringify({ at: clock.now().toISOString(), level: 'error', message: 'log folder not writable', logDir, error: String(error) })}\n`);
  }
  const maxBytes = retention.maxMegabytes * 1024 * 1024;
  const partBytes = Math.max(1, Math.floor(maxBytes / PARTS_PER_CAP));
  let day = '';
  let part = 0;
  let partSize = 0;
  let totalBytes = 0;

  /** Removes what is past the retention; returns the files left. Never the file being written. */
  const prune = (now: Date): LogFile[] => {
    const oldestKept = new Date(now.getTime() - (retention.keepDays - 1) * DAY_MS).toISOString().slice(0, 10);
    const current = fileName(day, part);
    const left: LogFile[] = [];
    for (const file of listLogFiles(logDir)) {
      if (file.day < oldestKept && file.name !== current) rmSync(join(logDir, file.name), { force: true });
      else left.push(file);
    }
    totalBytes = left.reduce((sum, f) => sum + f.bytes, 0);
    for (const file of left) {
      if (totalBytes <= maxBytes) break;
      if (file.name === current) continue;
      rmSync(join(logDir, file.name), { force: true });
      totalBytes -= file.bytes;
    }
    return left;
  };

  const fileFor = (at: Date, lineBytes: number): string => {
    const today = at.toISOString().slice(0, 10);
    if (today !== day) {
      // A new day, or the first line since start: continue today's last part if there is one.
      day = today;
      const last = listLogFiles(logDir)
        .filter((f) => f.day === today)
        .at(-1);
      part = last?.part ?? 0;
      partSize = last?.bytes ?? 0;
      prune(at);
    }
    if (partSize > 0 && partSize + lineBytes > partBytes) {
      part += 1;
      partSize = 0;
      prune(at);
    } else if (totalBytes + lineBytes > maxBytes) {
      prune(at);
    }
    return join(logDir, fileName(day, part));
  };

  return {
    log(level, message, fields) {
      const at = clock.now();
      const line = JSON.stringify({ at: at.toISOString(), level, message, ...fields }, (_key, value: unknown) =>
        typeof value === 'string' ? redactIdentityNumbers(value) : value,
      );
      try {
        const bytes = Buffer.byteLength(line) + 1;
        appendFileSync(fileFor(at, bytes), line + '\n', { mode: 0o600 });
        partSize += bytes;
        totalBytes += bytes;
      } catch {
        // A full disk must not take the kiosk down because of a log line.
      }
      if (level === 'warn' || level === 'error') process.stderr.write(line + '\n');
    },
  };
}

/** Collects log lines in memory; for tests and tools. */
export function createMemoryLogger(): Logger & { lines: { level: LogLevel; message: string; fields?: Record<string, unknown> }[] } {
  const lines: { level: LogLevel; message: string; fields?: Record<string, unknown> }[] = [];
  return { lines, log: (level, message, fields) => void lines.push(fields === undefined ? { level, message } : { level, message, fields }) };
}
