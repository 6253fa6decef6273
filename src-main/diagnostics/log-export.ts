import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ZipFile } from 'yazl';
import type { Diagnostics } from '../../src-shared/diagnostics';
import type { Clock } from '../kernel/clock';
import { redactConfig } from './redact-config';

/** The files of logs/ that go in: the kiosk's daily logs and their parts (the logger names them). */
const LOG_FILE = /^[A-Za-z0-9._-]+\.log$/;

export interface LogExportDeps {
  clock: Clock;
  terminalId: string;
  logDir: string;
  /** The effective config (defaults merged with config.json); redacted before it goes in. */
  config: unknown;
  diagnostics(): Promise<Diagnostics>;
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
    for (const name of await listLogs(logDir)) {
      // A file rotated away between the listing and the read is simply not in this export.
      const body = await readFile(join(logDir, name)).catch(() => null);
      if (body) zip.addBuffer(body, `logs/${name}`, { mtime });
    }
    zip.end();
    const bytes = await collect(zip.outputStream);
    const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
    return { fileName: `motcua-diagnostics-${safeName(terminalId)}-${stamp}.zip`, bytes };
  }
}

async function listLogs(logDir: string): Promise<string[]> {
  const names = await readdir(logDir).catch(() => [] as string[]);
  return names.filter((name) => LOG_FILE.test(name)).sort();
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
