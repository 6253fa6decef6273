import type { Database } from 'better-sqlite3';
import { z } from 'zod';
import { emptyCentralConfig, migrateCentralConfig, type CentralConfig } from '../../src-shared/central-config';
import { mergedTerminalConfig } from '../handlers/terminal-config';
import {
  CENTER_SCOPE,
  configDocument,
  saveConfigDocument,
  terminalConfigStates,
  type ConfigDocumentRow,
} from '../repo/terminal-config';
import { listTerminals } from '../repo/terminals';

/** `*` for the center-wide document, else a terminal id as the kiosk's config allows it. */
export const ScopeSchema = z.union([z.literal(CENTER_SCOPE), z.string().regex(/^[A-Za-z0-9-]{1,32}$/, 'a terminal id: letters, digits and dashes (1–32)')]);

export type SaveOutcome = { ok: true; revision: number } | { ok: false; problems: string[] };

/**
 * Checks a document with the kiosk's own schema (src-shared/central-config.ts), each bad field
 * named, and saves it at the next revision; nothing is saved when anything is wrong.
 */
export function saveCentralDocument(db: Database, scope: string, raw: unknown, now: Date): SaveOutcome {
  const checked = migrateCentralConfig(raw);
  if (!checked.ok) return checked;
  const revision = db.transaction(() => saveConfigDocument(db, scope, JSON.stringify(checked.document), now.toISOString()))();
  return { ok: true, revision };
}

/** A JSON text from the editor, parsed and checked; a syntax error is named like a field. */
export function saveCentralText(db: Database, scope: string, text: string, now: Date): SaveOutcome {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return { ok: false, problems: [`(JSON): ${(error as Error).message}`] };
  }
  return saveCentralDocument(db, scope, raw, now);
}

export const RenameServiceSchema = z.strictObject({
  scope: ScopeSchema,
  serviceId: z.string().min(1).max(64),
  vi: z.string().trim().min(1, 'the Vietnamese name is empty').max(200),
  en: z.string().trim().min(1, 'the English name is empty').max(200),
});

/**
 * Renames one queue service in a scope's document, in both languages. A terminal's document that
 * sets no services starts from the center-wide list (the whole list is what a document sets).
 */
export function renameService(db: Database, change: z.infer<typeof RenameServiceSchema>, now: Date): SaveOutcome {
  const own = parsedDocument(configDocument(db, change.scope));
  const center = parsedDocument(configDocument(db, CENTER_SCOPE));
  const services = own?.queue?.services ?? (change.scope === CENTER_SCOPE ? undefined : center?.queue?.services);
  if (!services) {
    return { ok: false, problems: ['queue.services: this document sets no queue services yet; set them with the JSON editor first'] };
  }
  if (!services.some((s) => s.id === change.serviceId)) {
    return { ok: false, problems: [`queue.services: no service "${change.serviceId}" (there are: ${services.map((s) => s.id).join(', ')})`] };
  }
  const renamed = services.map((s) => (s.id === change.serviceId ? { ...s, name: { vi: change.vi, en: change.en } } : s));
  const base = own ?? emptyCentralConfig();
  return saveCentralDocument(db, change.scope, { ...base, queue: { services: renamed } }, now);
}

function parsedDocument(row: ConfigDocumentRow | undefined): CentralConfig | null {
  if (!row) return null;
  const checked = migrateCentralConfig(JSON.parse(row.document) as unknown);
  return checked.ok ? checked.document : null;
}

export interface ConfigAdminState {
  center: { document: CentralConfig; revision: number; savedAt: string } | null;
  terminals: {
    id: string;
    own: { document: CentralConfig; revision: number; savedAt: string } | null;
    /** What GET /v1/terminal-config serves it now. */
    version: number;
    appliedVersion: number | null;
    appliedAt: string | null;
    rejectedVersion: number | null;
    rejectedAt: string | null;
    problems: string[];
  }[];
}

const documentOf = (row: ConfigDocumentRow | undefined) => {
  const document = parsedDocument(row);
  return row && document ? { document, revision: row.revision, savedAt: row.saved_at } : null;
};

/** One scope's saved document with its revision, or null. */
export const savedDocument = (db: Database, scope: string) => documentOf(configDocument(db, scope));

/** The documents and each enrolled terminal's state, for the page and as JSON. */
export function configAdminState(db: Database): ConfigAdminState {
  const states = terminalConfigStates(db);
  return {
    center: documentOf(configDocument(db, CENTER_SCOPE)),
    terminals: listTerminals(db).map((t) => {
      const s = states.get(t.id);
      return {
        id: t.id,
        own: documentOf(configDocument(db, t.id)),
        version: mergedTerminalConfig(db, t.id).version,
        appliedVersion: s?.applied_version ?? null,
        appliedAt: s?.applied_at ?? null,
        rejectedVersion: s?.rejected_version ?? null,
        rejectedAt: s?.rejected_at ?? null,
        problems: s ? (JSON.parse(s.problems) as string[]) : [],
      };
    }),
  };
}
