import type { Database } from 'better-sqlite3';
import type { Reply } from '../http/http-io';
import type { PortalConfig } from '../portal-config';
import type { TerminalRow } from '../repo/terminals';
import type { CatalogState } from './catalog-state';
import type { PackStore } from './pack-store';

export interface PortalDeps {
  db: Database;
  config: PortalConfig;
  catalog: CatalogState;
  uploadsDir: string;
  /** Resolves once the entries of files created before the call in `uploadsDir` are on disk. */
  syncUploadsDir: () => Promise<void>;
  /** Where bundles' files are appended. */
  packs: PackStore;
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
