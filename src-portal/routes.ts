import { reserveDossierCodes } from './handlers/codes';
import type { HandlerContext, JsonHandler, PortalDeps } from './handlers/context';
import { submitDossierBundle } from './handlers/dossier-bundle';
import { getDossier, listDossiers, submitDossier } from './handlers/dossiers';
import { registerQueueTicket, reserveQueueNumbers } from './handlers/queue';
import { getQueuePosition, getQueueStatus } from './handlers/queue-wait';
import { createPayment, getPayment, submitRating } from './handlers/ratings-payments';
import { enroll, heartbeat } from './handlers/terminals';
import { getTerminalConfig, reportTerminalConfig } from './handlers/terminal-config';
import { receiveDiagnostics } from './handlers/diagnostics';
import { appendUpload } from './handlers/upload-append';
import { createUploadWithBody, metaFromHeaders } from './handlers/upload-create-with-body';
import { createUpload, getUpload, headUpload } from './handlers/uploads';
import { internalError, invalidRequest } from './http/api-error';
import { parseJson, readBody } from './http/http-io';
import { idempotent } from './http/idempotency';
import type { Call, Route, RouteMap } from './http/router';
import type { SpecValidator } from './spec/spec-validator';

export interface RouteDeps {
  deps: PortalDeps;
  validator: SpecValidator;
  /** `terminal\nkey` of requests still receiving bytes (creations with upload, bundles). */
  busyKeys: Set<string>;
  /** Uploads a PATCH is writing (one writer per upload). */
  busyUploads: Set<string>;
}

/** Creation with upload: POST /v1/uploads whose body is the file's bytes, not the JSON facts. */
export const isUploadBytes = (headers: Record<string, string | undefined>): boolean =>
  (headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() === 'application/offset+octet-stream';

const catalog: JsonHandler = ({ deps, headers }) => {
  if (deps.catalog.matches(headers['if-none-match'])) return { status: 304, headers: { etag: deps.catalog.etag } };
  return { status: 200, headers: { etag: deps.catalog.etag }, body: JSON.parse(deps.catalog.body.toString('utf8')) as unknown };
};

/**
 * The Kiosk Sync API as one map: method and path pattern to its handler. Every request is checked
 * against docs/sync-api.yaml (the operation named here) before its handler runs.
 */
export function portalRoutes(r: RouteDeps): RouteMap {
  const { deps, validator, busyKeys } = r;
  const ctxOf = (call: Call, body: unknown = undefined): HandlerContext => {
    if (!call.terminal) throw internalError();
    return { deps, terminal: call.terminal, body, pathParams: call.pathParams, query: call.url.searchParams, headers: call.headers, now: call.now };
  };
  /** Refuses (400) a request the spec does not allow; `ignore` leaves some checks to the handler. */
  const check = (call: Call, body: unknown, extra: string[] = [], ignore = (_e: string) => false): void => {
    const { errors } = validator.validateRequest({ method: call.req.method ?? 'GET', url: call.req.url ?? '/', headers: call.headers, body });
    const problems = [...errors.filter((e) => !ignore(e)), ...extra];
    if (problems.length === 0) return;
    call.req.resume();
    throw invalidRequest(problems);
  };
  const jsonBody = async (call: Call): Promise<unknown> => {
    const body = parseJson(await readBody(call.req, deps.config.maxJsonBytes));
    check(call, body);
    return body;
  };
  /** A JSON operation in one transaction; with `once`, exactly once per Idempotency-Key. */
  const json = (operationId: string, handler: JsonHandler, once = false): Route => ({
    operationId,
    auth: true,
    handle: async (call) => {
      const ctx = ctxOf(call, await jsonBody(call));
      const key = once ? call.headers['idempotency-key'] : undefined;
      return key === undefined ? deps.db.transaction(() => handler(ctx))() : idempotent(ctx, operationId, key, handler, busyKeys);
    },
  });
  const createUploadJson = json('createUpload', createUpload, true);

  return {
    'POST /v1/enrollments': {
      operationId: 'enrollTerminal',
      auth: false,
      handle: async (call) => {
        const body = await jsonBody(call);
        return deps.db.transaction(() => enroll(deps, body))();
      },
    },
    'POST /v1/heartbeats': json('sendHeartbeat', heartbeat),
    'POST /v1/terminals/{terminalId}/diagnostics': {
      operationId: 'sendDiagnostics',
      auth: true,
      handle: async (call) => {
        // A wrong Content-Type is the handler's 415, not a 400.
        check(call, undefined, [], (e) => e.startsWith('Content-Type'));
        return receiveDiagnostics(ctxOf(call), call.req);
      },
    },
    'GET /v1/catalog': json('getCatalog', catalog),
    'GET /v1/terminal-config': json('getTerminalConfig', getTerminalConfig),
    'POST /v1/terminal-config/report': json('reportTerminalConfig', reportTerminalConfig),
    'POST /v1/dossier-code-blocks': json('reserveDossierCodes', reserveDossierCodes, true),
    'POST /v1/queue-tickets': json('registerQueueTicket', registerQueueTicket, true),
    'POST /v1/queue-number-blocks': json('reserveQueueNumbers', reserveQueueNumbers, true),
    'GET /v1/queue-status': json('getQueueStatus', getQueueStatus),
    'GET /v1/queue-tickets/{ticketId}/position': json('getQueuePosition', getQueuePosition),
    'POST /v1/uploads': {
      operationId: 'createUpload',
      auth: true,
      handle: async (call) => {
        if (!isUploadBytes(call.headers)) return createUploadJson.handle(call);
        const { meta, errors } = metaFromHeaders(call.headers);
        check(call, undefined, [...errors, ...(meta ? validator.validateJsonBody('createUpload', meta) : [])]);
        if (!meta) throw internalError();
        const declared = call.headers['content-length'] === undefined ? undefined : Number(call.headers['content-length']);
        const intake = { req: call.req, key: call.headers['idempotency-key'] ?? '', meta, busyKeys, dropAfter: call.dropAfter, declared };
        return createUploadWithBody(ctxOf(call), intake);
      },
    },
    'HEAD /v1/uploads/{uploadId}': json('getUploadOffset', headUpload),
    'GET /v1/uploads/{uploadId}': json('getUpload', getUpload),
    'PATCH /v1/uploads/{uploadId}': {
      operationId: 'appendUpload',
      auth: true,
      handle: async (call) => {
        // A wrong Content-Type is the handler's 415, not a 400.
        check(call, undefined, [], (e) => e.startsWith('Content-Type'));
        return appendUpload(ctxOf(call), call.req, r.busyUploads, call.dropAfter);
      },
    },
    'POST /v1/dossiers': json('submitDossier', submitDossier, true),
    'GET /v1/dossiers': json('listDossiers', listDossiers),
    'GET /v1/dossiers/{dossierId}': json('getDossier', getDossier),
    'POST /v1/dossier-bundles': {
      operationId: 'submitDossierBundle',
      auth: true,
      handle: async (call) => {
        check(call, undefined);
        const ctx = ctxOf(call);
        return submitDossierBundle(ctx, call.req, call.headers['idempotency-key'] ?? '', {
          checkManifest: (value) => validator.validateJsonPart('submitDossierBundle', 'dossier', value),
          submit: (submission, key) => {
            const problems = validator.validateJsonBody('submitDossier', submission);
            if (problems.length > 0) throw invalidRequest(problems);
            return idempotent({ ...ctx, body: submission }, 'submitDossier', key, submitDossier, busyKeys);
          },
          busyKeys,
          dropAfter: call.dropAfter,
        });
      },
    },
    'POST /v1/ratings': json('submitRating', submitRating, true),
    'POST /v1/payments': json('createPayment', createPayment, true),
    'GET /v1/payments/{paymentId}': json('getPayment', getPayment),
  };
}
