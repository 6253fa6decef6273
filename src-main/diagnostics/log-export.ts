import type * as fsPromises from 'node:fs/promises';
import { join } from 'node:path';
import { ZipFile } from 'yazl';
import type { Diagnostics } from '../../src-shared/diagnostics';
import type { Clock } from '../kernel/clock';
import { redactConfig } from './redact-config';

/** The files of logs/ that go in: the kiosk's daily logs and their parts (the logger names them). */
const LOG_FILE = /^[A-Za-z0-9._-]+\.log$/;
/**
 * Log bytes one export carries at most: the newest files first. logs/ may hold 200 MB; a zip is
 * built in memory on a low-end terminal and the portal takes 50 MB. What is left out is named.
 */
export const EXPORT_LOG_BYTES = 32 * 1024 * 1024;

/** The file reads the export makes (node:fs/promises at the composition root). */
export type LogExportFs = Pick<typeof fsPromises, 'readdir' | 'readFile' | 'stat'>;

export interface LogExportDeps {
  clock: Clock;
  fs: LogExportFs;
  terminalId: string;
  logDir: string;
  /** The effective config (defaults merged with config.json); redacted before it goes in. */
  config: unknown;
  diagnostics(): Promise<Diagnostics>;
  /** Defaults to EXPORT_LOG_BYTES (tests give less). */
  maxLogBytes?: number;
}

export interface LogExportZip {
  fileName: string;
  bytes: Buffer;
}

/**
 * The zip a technician takes away (decision 0030): the log files, the diagnostics snapshot, the
 * config with its secrets redacted, and the schema version. Nothing from the store or files/:
 * the logs and the snapshot carry no personal data by construction, and the test opens the zip
 * and looks for a seeded citizen's name and ID to hold that.
 */
export class LogExport {
  constructor(private readonly deps: LogExportDeps) {}

  async build(): Promise<LogExportZip> {
    const { clock, terminalId, logDir } = this.deps;
    const now = clock.now();
    const diagnostics = await this.deps.diagnostics();
    const zip = new ZipFile();
    const mtime = now;
    const json = (value: unknown) => Buffer.from(`${JSON.stringify(value, null, 2)}\n`);
    zip.addBuffer(json(diagnostics), 'diagnostics.json', { mtime });
    zip.addBuffer(json(redactConfig(this.deps.config)), 'config-redacted.json', { mtime });
    zip.addBuffer(Buffer.from(`${diagnostics.versions.schema ?? 'unknown'}\n`), 'schema-version.txt', { mtime });
    const { kept, leftOut } = await newestLogs(this.deps.fs, logDir, this.deps.maxLogBytes ?? EXPORT_LOG_BYTES);
    for (const name of kept) {
      // A file rotated away between the listing and the read is simply not in this export.
      const body = await this.deps.fs.readFile(join(logDir, name)).catch(() => null);
      if (body) zip.addBuffer(body, `logs/${name}`, { mtime });
    }
    if (leftOut.length > 0) zip.addBuffer(Buffer.from(`Older log files left out of this export (size cap), still on the terminal:\n${leftOut.join('\n')}\n`), 'logs-left-out.txt', { mtime });
    zip.end();
    const bytes = await collect(zip.outputStream);
    const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
    return { fileName: `motcua-diagnostics-${safeName(terminalId)}-${stamp}.zip`, bytes };
  }
}

/** The newest log files (by modification time) whose sizes fit in `budget`; the rest by name. */
async function newestLogs(fs: LogExportFs, logDir: string, budget: number): Promise<{ kept: string[]; leftOut: string[] }> {
  const names = (await fs.readdir(logDir).catch(() => [] as string[])).filter((name) => LOG_FILE.test(name));
  const files = await Promise.all(
    names.map(async (name) => {
      const s = await fs.stat(join(logDir, name)).catch(() => null);
      return { name, bytes: s?.size ?? 0, mtimeMs: s?.mtimeMs ?? 0 };
    }),
  );
  files.sort((a, b) => b.mtimeMs - a.mtimeMs || b.name.localeCompare(a.name));
  const kept: string[] = [];
  const leftOut: string[] = [];
  let used = 0;
  for (const file of files) {
    if (used + file.bytes <= budget) {
      kept.push(file.name);
      used += file.bytes;
    } else leftOut.push(file.name);
  }
  return { kept: kept.sort(), leftOut: leftOut.sort() };
}

function collect(stream: NodeJS.ReadableStream): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('error', reject);
    stream.on('end', () => resolve(Buffer.concat(chunks)));
  });
}

/** A terminal id as a file name part: letters, digits, dash and underscore. */
export function safeName(text: string): string {
  return text.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 64) || 'kiosk';
}
