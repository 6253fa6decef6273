import type { Database } from 'better-sqlite3';
import { emptyCentralConfig, mergeCentralConfig, migrateCentralConfig, type CentralConfig } from '../../src-shared/central-config';
import type { Reply } from '../http/http-io';
import { CENTER_SCOPE, configDocument, recordConfigReport, terminalConfigVersion } from '../repo/terminal-config';
import type { HandlerContext } from './context';

/** The ETag of a terminal's configuration: its version says it all (revisions only rise). */
export const configEtag = (version: number): string => `"config-${version}"`;

/** The ETag the heartbeat's answer carries, without reading the documents. */
export const terminalConfigEtag = (db: Database, terminalId: string): string => configEtag(terminalConfigVersion(db, terminalId));

/**
 * A stored document (checked on save) at the current format; an older format is upgraded on the
 * way. One this portal cannot read (written by a newer portal, edited in the database) is served
 * as it is: the terminal checks it too, refuses it with each problem named and says so.
 */
function storedDocument(db: Database, scope: string): CentralConfig | null {
  const row = configDocument(db, scope);
  if (!row) return null;
  const raw = JSON.parse(row.document) as unknown;
  const checked = migrateCentralConfig(raw);
  return checked.ok ? checked.document : (raw as CentralConfig);
}

/** The center-wide document with the terminal's own over it, and the version they make. */
export function mergedTerminalConfig(db: Database, terminalId: string): { version: number; document: CentralConfig } {
  const center = storedDocument(db, CENTER_SCOPE) ?? emptyCentralConfig();
  const own = storedDocument(db, terminalId);
  return { version: terminalConfigVersion(db, terminalId), document: own ? mergeCentralConfig(center, own) : center };
}

export function getTerminalConfig(ctx: HandlerContext): Reply {
  const { db } = ctx.deps;
  const version = terminalConfigVersion(db, ctx.terminal.id);
  const etag = configEtag(version);
  if (ctx.headers['if-none-match'] === etag) return { status: 304, headers: { etag } };
  return { status: 200, headers: { etag }, body: mergedTerminalConfig(db, ctx.terminal.id) };
}

interface ConfigReport {
  version: number;
  outcome: 'applied' | 'rejected';
  problems: string[];
}

export function reportTerminalConfig(ctx: HandlerContext): Reply {
  const b = ctx.body as ConfigReport;
  const receivedAt = ctx.now.toISOString();
  recordConfigReport(ctx.deps.db, { terminalId: ctx.terminal.id, version: b.version, outcome: b.outcome, problems: b.problems, now: receivedAt });
  return { status: 200, body: { version: b.version, outcome: b.outcome, receivedAt } };
}
