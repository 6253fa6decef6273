import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { migrateCentralConfig, type CentralConfig } from '../../src-shared/central-config';
import { writeFileAtomic } from '../kernel/write-file-atomic';

/** The last good central configuration, as the kiosk saved it (decision 0041). */
export const CENTRAL_CONFIG_FILE = 'central-config.json';

/** What the kiosk keeps of a pulled configuration: the portal's version and ETag, and the document as served. */
const SavedSchema = z.strictObject({
  version: z.number().int().min(0),
  etag: z.string(),
  savedAt: z.string(),
  document: z.unknown(),
});

export interface PulledCentralConfig {
  version: number;
  etag: string;
  /** As the portal served it; migrated each time it is read, so a kiosk upgrade reads an older one. */
  document: unknown;
}

export type CentralLayer =
  | { state: 'none' }
  | { state: 'ok'; version: number; etag: string; document: CentralConfig }
  | { state: 'damaged'; problems: string[] };

/** `<data dir>/central-config.json`: absent, usable, or damaged (and then not used). Never throws. */
export function readCentralLayer(dataDir: string): CentralLayer {
  let text: string;
  try {
    text = readFileSync(join(dataDir, CENTRAL_CONFIG_FILE), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { state: 'none' };
    return { state: 'damaged', problems: [`${CENTRAL_CONFIG_FILE}: ${(error as Error).message}`] };
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return { state: 'damaged', problems: [`${CENTRAL_CONFIG_FILE}: not JSON (${(error as Error).message})`] };
  }
  const saved = SavedSchema.safeParse(raw);
  if (!saved.success) return { state: 'damaged', problems: [`${CENTRAL_CONFIG_FILE}: not a saved central configuration`] };
  const checked = migrateCentralConfig(saved.data.document);
  if (!checked.ok) return { state: 'damaged', problems: checked.problems };
  return { state: 'ok', version: saved.data.version, etag: saved.data.etag, document: checked.document };
}

/** Saves a checked configuration in one step: a crash leaves the old file or the new one, never half. */
export function saveCentralLayer(dataDir: string, pulled: PulledCentralConfig, savedAt: Date): void {
  const body = { version: pulled.version, etag: pulled.etag, savedAt: savedAt.toISOString(), document: pulled.document };
  writeFileAtomic(join(dataDir, CENTRAL_CONFIG_FILE), `${JSON.stringify(body, null, 2)}\n`, dataDir);
}

/** The last document the kiosk refused (decision 0041), so a new core (a restart, set-up redone) raises the alert again. */
export const CENTRAL_REFUSAL_FILE = 'central-config-refused.json';

const RefusalSchema = z.strictObject({ version: z.number().int().min(0), problems: z.array(z.string()) });
export type CentralRefusal = z.infer<typeof RefusalSchema>;

export function saveCentralRefusal(dataDir: string, refusal: CentralRefusal): void {
  writeFileAtomic(join(dataDir, CENTRAL_REFUSAL_FILE), `${JSON.stringify(refusal, null, 2)}\n`, dataDir);
}

/** The refusal kept, or null (none, or a file that cannot be read: the next pull says again). */
export function readCentralRefusal(dataDir: string): CentralRefusal | null {
  try {
    const parsed = RefusalSchema.safeParse(JSON.parse(readFileSync(join(dataDir, CENTRAL_REFUSAL_FILE), 'utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export function clearCentralRefusal(dataDir: string): void {
  rmSync(join(dataDir, CENTRAL_REFUSAL_FILE), { force: true });
}
