import type { Database } from 'better-sqlite3';
import type { Reply } from '../http/http-io';
import type { PortalConfig } from '../portal-config';
import type { TerminalRow } from '../repo/terminals';
import type { CatalogState } from './catalog-state';

export interface PortalDeps {
  db: Database;
  config: PortalConfig;
  catalog: CatalogState;
  /** One `<id>.bin` per upload (storage/upload-files.ts). */
  uploadsDir: string;
  /** One `<id>.zip` per terminal diagnostics export (handlers/diagnostics.ts). */
  diagnosticsDir: string;
  /** The releases electron-updater's generic feed serves (`/updates/`, decision 0039). */
  updatesDir: string;
  clock: () => Date;
  newId: () => string;
  newSecret: () => string;
}

/** What a handler sees: the body is already validated against the spec. */
export interface HandlerContext {
  deps: PortalDeps;
  terminal: TerminalRow;
  body: unknown;
  pathParams: Record<string, string>;
  query: URLSearchParams;
  headers: Record<string, string | undefined>;
  now: Date;
}

export type JsonHandler = (ctx: HandlerContext) => Reply;
