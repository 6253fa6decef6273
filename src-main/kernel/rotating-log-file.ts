import { appendFileSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** How much of logs/ is kept: whole days, and a total size that also bounds a noisy day. */
export interface LogRetention {
  keepDays: number;
  maxMegabytes: number;
}

export const DEFAULT_RETENTION: LogRetention = { keepDays: 30, maxMegabytes: 200 };
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
 * The file side of the logger: takes whole JSON lines and appends each synchronously to the
 * day's file, cutting parts and removing what is past the retention (issue #21). Synchronous on
 * purpose: the line written just before a crash is the one a technician needs (decision 0029).
 */
export class RotatingLogFile {
  private day = '';
  private part = 0;
  private partSize = 0;
  private totalBytes = 0;
  private readonly maxBytes: number;
  private readonly partBytes: number;

  constructor(
    private readonly logDir: string,
    private readonly clock: { now(): Date },
    private readonly retention: LogRetention = DEFAULT_RETENTION,
  ) {
    this.maxBytes = retention.maxMegabytes * 1024 * 1024;
    this.partBytes = Math.max(1, Math.floor(this.maxBytes / PARTS_PER_CAP));
    try {
      // Owner only (decision 0022); the lines themselves never carry names, ID numbers or addresses.
      mkdirSync(logDir, { recursive: true, mode: 0o700 });
    } catch (error) {
      // A read-only or full data folder must not stop the kiosk from starting and saying so on
      // screen; its lines still reach stderr (the service manager's journal).
      process.stderr.write(`${JSON.stringify({ at: clock.now().toISOString(), level: 'error', message: 'log folder not writable', logDir, error: String(error) })}\n`);
    }
  }

  /** Appends one line (ending in a newline). A full disk must not take the kiosk down because of a log line. */
  write(line: string): void {
    try {
      const bytes = Buffer.byteLength(line);
      appendFileSync(this.fileFor(this.clock.now(), bytes), line, { mode: 0o600 });
      this.partSize += bytes;
      this.totalBytes += bytes;
    } catch {
      // Dropped: the warn and error lines still reach stderr.
    }
  }

  /** Removes what is past the retention; returns the files left. Never the file being written. */
  private prune(now: Date): LogFile[] {
    const oldestKept = new Date(now.getTime() - (this.retention.keepDays - 1) * DAY_MS).toISOString().slice(0, 10);
    const current = fileName(this.day, this.part);
    const left: LogFile[] = [];
    for (const file of listLogFiles(this.logDir)) {
      if (file.day < oldestKept && file.name !== current) rmSync(join(this.logDir, file.name), { force: true });
      else left.push(file);
    }
    this.totalBytes = left.reduce((sum, f) => sum + f.bytes, 0);
    for (const file of left) {
      if (this.totalBytes <= this.maxBytes) break;
      if (file.name === current) continue;
      rmSync(join(this.logDir, file.name), { force: true });
      this.totalBytes -= file.bytes;
    }
    return left;
  }

  private fileFor(at: Date, lineBytes: number): string {
    const today = at.toISOString().slice(0, 10);
    if (today !== this.day) {
      // A new day, or the first line since start: continue today's last part if there is one.
      this.day = today;
      const last = listLogFiles(this.logDir)
        .filter((f) => f.day === today)
        .at(-1);
      this.part = last?.part ?? 0;
      this.partSize = last?.bytes ?? 0;
      this.prune(at);
    }
    if (this.partSize > 0 && this.partSize + lineBytes > this.partBytes) {
      this.part += 1;
      this.partSize = 0;
      this.prune(at);
    } else if (this.totalBytes + lineBytes > this.maxBytes) {
      this.prune(at);
    }
    return join(this.logDir, fileName(this.day, this.part));
  }
}
