import type { IncomingHttpHeaders } from 'node:http';
import { z } from 'zod';
import { FaultSettingsSchema } from '../faults/fault';
import { paymentBody } from '../handlers/ratings-payments';
import { readUploadBytes } from '../handlers/uploads';
import { appendStatus, dossierById, dossierFiles, latestDossiers } from '../repo/dossiers';
import { listTickets } from '../repo/queue';
import { callNext, callTicket, queueTicket, serveTicket, ticketState } from '../repo/queue-wait';
import { latestRatings, paymentById, settlePayment } from '../repo/ratings-payments';
import { listTerminals } from '../repo/terminals';
import { uploadById } from '../repo/uploads';
import { readFileSync } from 'node:fs';
import { diagnosticsById, listDiagnostics } from '../repo/diagnostics';
import { diagnosticsFile } from '../handlers/diagnostics';
import type { Fault } from '../faults/fault';
import type { FaultPlan } from '../faults/fault-plan';
import type { PortalDeps } from '../handlers/context';
import { routerOf } from '../http/router';
import { adminPage } from './admin-page';
import { fleetPage } from '../fleet/fleet-page';
import { fleetRows } from '../fleet/fleet-view';
import { issuedTokens, issueForNewTerminal, NewTerminalBody, WithdrawTokenBody, type NewTerminalReply } from './add-terminal';
import { withdrawEnrollmentToken } from '../repo/enrollment-tokens';
import { addTerminalPage } from './add-terminal-page';
import { RolloutPercentageSchema, SEMVER_PATTERN } from '../../src-shared/update-feed';
import { listRollouts, setRollout } from '../repo/update-rollouts';
import { updateFeedsState } from '../updates/update-state';
import { CENTER_SCOPE } from '../repo/terminal-config';
import { configAdminState, renameService, RenameServiceSchema, saveCentralText, savedDocument, ScopeSchema, type SaveOutcome } from './config-admin';
import { configPage } from './config-page';
import { mergedTerminalConfig } from '../handlers/terminal-config';

/** What the admin routes reach of the portal: PortalServer, told structurally so the server imports these routes and not the other way round. */
interface AdminTarget {
  readonly config: PortalDeps['config'];
  readonly deps: PortalDeps;
  readonly faults: Pick<FaultPlan, 'describe'>;
  /** Where terminals reach the portal: the set-up QR names it. */
  readonly publicUrl: string;
  setFaults(faults: readonly Fault[], seed?: number): void;
}

export interface AdminReply {
  status: number;
  contentType: string;
  payload: Buffer;
  headers?: Record<string, string>;
  /** What the page's form shows instead of going back to /admin (a token is shown only once). */
  formPage?: () => string;
}

const json = (status: number, value: unknown): AdminReply => ({
  status,
  contentType: 'application/json; charset=utf-8',
  payload: Buffer.from(JSON.stringify(value)),
});
const problem = (status: number, message: string): AdminReply => json(status, { error: { message } });

const html = (status: number, page: string): AdminReply => ({ status, contentType: 'text/html; charset=utf-8', payload: Buffer.from(page) });
const DocumentForm = z.strictObject({ scope: ScopeSchema, document: z.string().max(1_000_000) });
/** Saved: a script gets the revision; the page's form goes back to the page (handleAdmin turns this into a 303). */
const toConfigPage = (revision: number): AdminReply => ({ ...json(200, { revision }), headers: { location: '/admin/config' } });

function saveCentralBody(portal: AdminTarget, scope: string, body: Buffer): SaveOutcome {
  return saveCentralText(portal.deps.db, scope, body.toString('utf8'), portal.deps.clock());
}

/** A save over the JSON API: the revision, or 400 with each bad field named. */
function documentSaved(saved: SaveOutcome): AdminReply {
  if (saved.ok) return json(200, { revision: saved.revision });
  return json(400, { error: { message: `Not saved: ${saved.problems.join('; ')}`, problems: saved.problems } });
}

const StatusBody = z.object({ status: z.number().int().min(1).max(10), note: z.string().max(2000).optional() }).strict();
const CallNextBody = z.object({ serviceId: z.string().min(1).max(100), day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/) }).strict();
/** A page's form sends the percentage as text; a script, as a number. */
const RolloutBody = z
  .object({ version: z.string().regex(SEMVER_PATTERN), percentage: z.union([RolloutPercentageSchema, z.string().regex(/^\d{1,3}$/).transform(Number).pipe(RolloutPercentageSchema)]) })
  .strict();
const SettleBody = z.object({ state: z.enum(['confirmed', 'failed']), reason: z.string().max(500).optional() }).strict();

function parse<T>(schema: z.ZodType<T>, body: Buffer): T | string {
  let value: unknown;
  try {
    value = JSON.parse(body.toString('utf8'));
  } catch {
    return 'The body is not valid JSON.';
  }
  const result = schema.safeParse(value);
  return result.success ? result.data : result.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ');
}

/** What the admin page shows, also as JSON for tests and scripts. */
export function adminState(portal: AdminTarget): Record<string, unknown> {
  const { db } = portal.deps;
  return {
    terminals: listTerminals(db).map((t) => ({
      id: t.id,
      index: t.idx,
      name: t.name,
      appVersion: t.app_version,
      enrolledAt: t.enrolled_at,
      lastSeenAt: t.last_seen_at,
      heartbeat: t.last_heartbeat ? (JSON.parse(t.last_heartbeat) as unknown) : null,
    })),
    dossiers: latestDossiers(db, 500).map((d) => ({
      id: d.id,
      terminalId: d.terminal_id,
      code: d.code,
      codeSource: d.code_source,
      provisionalCode: d.provisional_code,
      procedureCode: d.procedure_code,
      status: d.status,
      receivedAt: d.received_at,
      files: dossierFiles(db, d.id).map((f) => ({ uploadId: f.upload_id, documentId: f.document_id, fileName: f.file_name, sha256: f.sha256, length: f.length })),
    })),
    tickets: listTickets(db, 500).map((t) => {
      const q = queueTicket(db, t.id);
      return { id: t.id, terminalId: t.terminal_id, serviceId: t.service_id, day: t.day, number: t.number, source: t.source, issuedAt: t.issued_at, priority: t.priority, state: q ? ticketState(q) : 'waiting' };
    }),
    ratings: latestRatings(db, 500).map((r) => ({ ...(JSON.parse(r.body) as Record<string, unknown>), terminalId: r.terminal_id, receivedAt: r.received_at })),
    faults: portal.faults.describe(),
    diagnostics: listDiagnostics(db, 500).map((d) => ({ id: d.id, terminalId: d.terminal_id, receivedAt: d.received_at, bytes: d.bytes, sha256: d.sha256 })),
    enrollmentTokens: issuedTokens(portal.deps, portal.deps.clock()),
    timeZone: portal.config.timeZone,
    updates: updatesState(portal),
  };
}

/** The update feed's releases and the staged rollouts set (decision 0039). */
function updatesState(portal: AdminTarget): Record<string, unknown> {
  const { db, updatesDir } = portal.deps;
  return {
    feeds: updateFeedsState(db, updatesDir),
    rollouts: listRollouts(db).map((r) => ({ version: r.version, percentage: r.staging_percentage, setAt: r.set_at })),
  };
}

type AdminHandler = (portal: AdminTarget, body: Buffer, params: Record<string, string>) => AdminReply;

/**
 * Reference-portal administration (not part of the Kiosk Sync API): the page, fault control, and
 * the portal-side events a real back office would cause (status changes, payment confirmation).
 */
const routeAdmin = routerOf<AdminHandler>({
  'GET /admin': (portal) => ({ status: 200, contentType: 'text/html; charset=utf-8', payload: Buffer.from(adminPage(adminState(portal))) }),
  'GET /admin/state': (portal) => json(200, adminState(portal)),
  'GET /admin/fleet': (portal) => {
    const now = portal.deps.clock();
    return { status: 200, contentType: 'text/html; charset=utf-8', payload: Buffer.from(fleetPage(fleetRows(portal.deps.db, now), now)) };
  },
  'GET /admin/fleet/state': (portal) => json(200, fleetRows(portal.deps.db, portal.deps.clock())),
  'GET /admin/terminals/new': (portal) => html(200, addTerminalView(portal)),
  'POST /admin/terminals/withdraw': (portal, body) => {
    const wanted = parse(WithdrawTokenBody, body);
    if (typeof wanted === 'string') return problem(400, wanted);
    if (!withdrawEnrollmentToken(portal.deps.db, wanted.id, portal.deps.clock().toISOString())) return problem(404, 'No valid token has that id.');
    return { ...json(200, { withdrawn: wanted.id }), headers: { location: '/admin/terminals/new' } };
  },
  'POST /admin/terminals/new': (portal, body) => {
    const wanted = parse(NewTerminalBody, body.length === 0 ? Buffer.from('{}') : body);
    if (typeof wanted === 'string') return { ...problem(400, wanted), formPage: () => addTerminalView(portal, { error: `Not issued: ${wanted}` }) };
    const issued = issueForNewTerminal(portal.deps, portal.publicUrl, wanted.terminalId ?? null);
    return { ...json(201, issued), formPage: () => addTerminalView(portal, { issued }) };
  },
  // Central configuration (decision 0041): the page, its JSON, the editors' saves, the rename form.
  'GET /admin/config': (portal) => html(200, configPage(configAdminState(portal.deps.db))),
  'GET /admin/config/state': (portal) => json(200, configAdminState(portal.deps.db)),
  'GET /admin/config/center': (portal) => json(200, savedDocument(portal.deps.db, CENTER_SCOPE)),
  'PUT /admin/config/center': (portal, body) => documentSaved(saveCentralBody(portal, CENTER_SCOPE, body)),
  'GET /admin/config/terminals/{terminalId}': (portal, _body, params) => {
    const id = params['terminalId'] ?? '';
    // Its own document and what GET /v1/terminal-config serves it, also before it enrolls.
    return json(200, { own: savedDocument(portal.deps.db, id), served: mergedTerminalConfig(portal.deps.db, id) });
  },
  'PUT /admin/config/terminals/{terminalId}': (portal, body, params) => {
    const scope = ScopeSchema.safeParse(params['terminalId'] ?? '');
    if (!scope.success || scope.data === CENTER_SCOPE) return problem(400, 'terminalId: letters, digits and dashes (1–32)');
    return documentSaved(saveCentralBody(portal, scope.data, body));
  },
  'POST /admin/config/documents': (portal, body) => {
    const form = parse(DocumentForm, body);
    if (typeof form === 'string') return problem(400, form);
    const saved = saveCentralText(portal.deps.db, form.scope, form.document, portal.deps.clock());
    if (saved.ok) return toConfigPage(saved.revision);
    return html(400, configPage(configAdminState(portal.deps.db), { scope: form.scope, problems: saved.problems, text: form.document }));
  },
  'POST /admin/config/rename-service': (portal, body) => {
    const change = parse(RenameServiceSchema, body);
    const saved: SaveOutcome = typeof change === 'string' ? { ok: false, problems: [change] } : renameService(portal.deps.db, change, portal.deps.clock());
    if (saved.ok) return toConfigPage(saved.revision);
    return html(400, configPage(configAdminState(portal.deps.db), { scope: 'rename', problems: saved.problems }));
  },
  'GET /admin/faults': (portal) => json(200, portal.faults.describe()),
  'GET /admin/updates': (portal) => json(200, updatesState(portal)),
  // Staged rollout: the share of the fleet a release version is offered to, written into the feed.
  'POST /admin/updates/rollout': (portal, body) => {
    const rollout = parse(RolloutBody, body);
    if (typeof rollout === 'string') return problem(400, rollout);
    setRollout(portal.deps.db, rollout.version, rollout.percentage, portal.deps.clock().toISOString());
    return json(200, updatesState(portal));
  },
  'DELETE /admin/faults': (portal) => {
    portal.setFaults([]);
    return json(200, portal.faults.describe());
  },
  'POST /admin/faults': (portal, body) => {
    const settings = parse(FaultSettingsSchema, body);
    if (typeof settings === 'string') return problem(400, settings);
    portal.setFaults(settings.faults, settings.seed);
    return json(200, portal.faults.describe());
  },
  'PUT /admin/catalog': (portal, body) => {
    try {
      portal.deps.catalog.publish(body);
    } catch (error) {
      return problem(400, `Not a catalog: ${String(error)}`);
    }
    return json(200, { etag: portal.deps.catalog.etag });
  },
  'GET /admin/uploads/{uploadId}': (portal, _body, params) => uploadDownload(portal, params['uploadId'] ?? ''),
  'GET /admin/diagnostics/{diagnosticsId}': (portal, _body, params) => {
    const row = diagnosticsById(portal.deps.db, params['diagnosticsId'] ?? '');
    if (!row) return problem(404, 'No such diagnostics export.');
    return {
      status: 200,
      contentType: 'application/zip',
      payload: readFileSync(diagnosticsFile(portal.deps.diagnosticsDir, row.id)),
      headers: { 'content-disposition': `attachment; filename="${row.terminal_id.replace(/[^A-Za-z0-9_-]/g, '_')}-${row.id}.zip"`, 'x-content-type-options': 'nosniff' },
    };
  },
  'POST /admin/dossiers/{dossierId}/status': (portal, body, params) => {
    const change = parse(StatusBody, body);
    if (typeof change === 'string') return problem(400, change);
    const id = params['dossierId'] ?? '';
    const { db } = portal.deps;
    if (!dossierById(db, id)) return problem(404, 'No such dossier.');
    db.transaction(() => appendStatus(db, id, change.status, portal.deps.clock().toISOString(), change.note ?? null))();
    return json(200, { ok: true });
  },
  // A counter's queue display (the portal-side events honest waiting measures, decision 0032).
  'POST /admin/queue/{ticketId}/call': (portal, _body, params) => queueEvent(portal, params['ticketId'] ?? '', callTicket),
  'POST /admin/queue/{ticketId}/serve': (portal, _body, params) => queueEvent(portal, params['ticketId'] ?? '', serveTicket),
  'POST /admin/queue/call-next': (portal, body) => {
    const next = parse(CallNextBody, body);
    if (typeof next === 'string') return problem(400, next);
    const { db } = portal.deps;
    const id = db.transaction(() => callNext(db, next.serviceId, next.day, portal.deps.clock().toISOString()))();
    return json(200, { called: id });
  },
  'POST /admin/payments/{paymentId}/settle': (portal, body, params) => {
    const s = parse(SettleBody, body);
    if (typeof s === 'string') return problem(400, s);
    const id = params['paymentId'] ?? '';
    if (!settlePayment(portal.deps.db, id, s.state, portal.deps.clock().toISOString(), s.reason ?? null)) return problem(409, 'No such pending payment.');
    const p = paymentById(portal.deps.db, id);
    return json(200, p ? paymentBody(p) : {});
  },
});

const addTerminalView = (portal: AdminTarget, extra: { issued?: NewTerminalReply; error?: string } = {}): string =>
  addTerminalPage({ portalUrl: portal.publicUrl, timeZone: portal.config.timeZone, tokens: issuedTokens(portal.deps, portal.deps.clock()), ...extra });

function queueEvent(portal: AdminTarget, id: string, change: (db: PortalDeps['db'], id: string, at: string) => boolean): AdminReply {
  const { db } = portal.deps;
  if (!queueTicket(db, id)) return problem(404, 'No such queue ticket.');
  if (!db.transaction(() => change(db, id, portal.deps.clock().toISOString()))()) return problem(409, 'The ticket is past that already.');
  const t = queueTicket(db, id);
  return json(200, { ticketId: id, state: t ? ticketState(t) : 'waiting' });
}

export function handleAdmin(portal: AdminTarget, method: string, url: URL, headers: IncomingHttpHeaders, body: Buffer): AdminReply {
  const token = portal.config.adminToken;
  if (token && headers['authorization'] !== `Bearer ${token}`) return problem(401, 'Admin token required.');
  const found = routeAdmin(method, url.pathname);
  if (!found) return problem(404, `${method} ${url.pathname} is not an admin route.`);
  // The page's buttons are plain forms: after one, the browser goes back to the page.
  if ((headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')) {
    const reply = found.route(portal, Buffer.from(JSON.stringify(Object.fromEntries(new URLSearchParams(body.toString('utf8'))))), found.pathParams);
    if (reply.formPage) return html(reply.status, reply.formPage());
    return reply.status < 400
      ? { status: 303, contentType: 'text/plain; charset=utf-8', payload: Buffer.alloc(0), headers: { location: reply.headers?.['location'] ?? '/admin' } }
      : reply;
  }
  return found.route(portal, body, found.pathParams);
}

/** What a browser may show in place: the kiosk's scans. The media type is the terminal's word. */
const SHOWN_INLINE = new Set(['application/pdf', 'image/png', 'image/jpeg']);

/**
 * A received file as the back office opens it: its bytes (so far) and name. Anything but a scan
 * is a download of plain bytes, so a terminal cannot make the admin page run its HTML.
 */
function uploadDownload(portal: AdminTarget, id: string): AdminReply {
  const row = uploadById(portal.deps.db, id);
  if (!row) return problem(404, 'No such upload.');
  const inline = SHOWN_INLINE.has(row.content_type);
  return {
    status: 200,
    contentType: inline ? row.content_type : 'application/octet-stream',
    payload: readUploadBytes(portal.deps.uploadsDir, row),
    headers: {
      'content-disposition': `${inline ? 'inline' : 'attachment'}; filename*=UTF-8''${encodeURIComponent(row.file_name)}`,
      'x-content-type-options': 'nosniff',
    },
  };
}
