import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useCleanups } from '../fakes/cleanups';
import { localDay, systemClock } from '../../src-main/kernel/clock';
import { createMemoryLogger } from '../../src-main/kernel/logger';
import { enqueueJob } from '../../src-main/outbox/outbox-repository';
import { insertPayment } from '../../src-main/payment/payment-repository';
import { PAYMENT_JOB_KIND } from '../../src-main/payment/payment-service';
import { MemoryCredentialStore } from '../fakes/memory-credential-store';
import { PortalClient } from '../../src-main/sync/portal-client';
import { PortalError } from '../../src-main/sync/portal-error';
import { wireSync } from '../../src-main/app/wire-sync';
import { realWait } from '../../src-main/outbox/wait';
import type { FaultInput } from '../../src-portal/faults/fault';
import { FaultSchema } from '../../src-portal/faults/fault';
import { DEMO_ENROLLMENT_TOKEN } from '../../src-portal/portal-config';
import type { PortalServer } from '../../src-portal/portal-server';
import { loadSpec } from '../../src-portal/spec/load-spec';
import { SpecValidator } from '../../src-portal/spec/spec-validator';
import { validateAgainstSpec } from '../portal/harness';
import { demoConfig } from '../fakes/demo-config';
import { drain, kioskHttp, openKioskDb, portalHoldings, seedDossiers, startPortal } from './harness';
import { startRecordingProxy, type Exchange, type RecordingProxy } from './recording-proxy';

/*
 * The kiosk's real client and sync code talk to the real reference portal through a recording
 * proxy; afterwards every request and every answer that crossed the wire is checked against
 * docs/sync-api.yaml, and the test insists it saw each operation (and each error status) it
 * claims to cover, so it cannot pass by checking nothing.
 */

const spec = new SpecValidator(loadSpec());
const TZ = 'Asia/Ho_Chi_Minh';

const { cleanups, tempDir } = useCleanups('kiosk-contract-');

const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');
const mediaType = (headers: Record<string, string>): string => (headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';

interface Verdict {
  /** What the exchange covers, e.g. `submitDossier 201 replayed`, `appendUpload dropped`. */
  tags: string[];
  problems: string[];
}

/** Checks one recorded exchange against the spec, including the rules the spec states in words. */
export function checkExchange(ex: Exchange): Verdict {
  const where = `#${ex.seq} ${ex.method} ${ex.url}`;
  const path = new URL(ex.url, 'http://x.invalid').pathname;
  const found = spec.match(ex.method, path);
  if (!found) return { tags: [], problems: [`${where}: not an operation of the API`] };
  const { operation } = found;
  const id = operation.operationId;
  const problems: string[] = [];
  const req = ex.requestHeaders;

  let body: unknown;
  if (mediaType(req) === 'application/json') {
    try {
      body = JSON.parse(ex.requestBody.toString('utf8')) as unknown;
    } catch {
      problems.push(`${where}: the JSON request body does not parse`);
    }
  } else if (ex.requestBody.length > 0 && !operation.body) problems.push(`${where}: a body on an operation that takes none`);
  problems.push(...validateAgainstSpec(ex.method, ex.url, 'request', body, req).map((p) => `${where} request: ${p}`));
  if (operation.needsAuth && !/^Bearer \S+$/.test(req['authorization'] ?? '')) problems.push(`${where}: no Bearer credential`);
  if (!operation.needsAuth && req['authorization'] !== undefined) problems.push(`${where}: a credential sent where none is asked`);

  const tags = [id];
  if (id === 'createUpload') {
    const bytes = mediaType(req) === 'application/offset+octet-stream';
    tags.push(`createUpload ${bytes ? 'with bytes' : 'json'}`);
    // Creation with upload: the four facts become required headers, and they must make a valid create.
    if (bytes) {
      const missing = ['upload-length', 'upload-sha256', 'upload-file-name', 'upload-media-type'].filter((h) => req[h] === undefined);
      if (missing.length > 0) problems.push(`${where}: creation with upload without ${missing.join(', ')}`);
      else {
        const meta = {
          length: Number(req['upload-length']),
          sha256: req['upload-sha256'],
          fileName: decodeURIComponent(req['upload-file-name'] ?? ''),
          contentType: req['upload-media-type'],
        };
        problems.push(...spec.validateJsonBody('createUpload', meta).map((p) => `${where} upload headers: ${p}`));
        if (ex.requestBody.length > meta.length) problems.push(`${where}: more bytes (${ex.requestBody.length}) than Upload-Length`);
      }
    }
  }

  const res = ex.response;
  if (!res || !res.complete) {
    tags.push(`${id} dropped`);
    return { tags, problems };
  }
  tags.push(`${id} ${res.status}`);
  let answer: unknown;
  if (ex.method === 'HEAD') {
    if (res.body.length > 0) problems.push(`${where}: HEAD answered with a body`);
  } else if (res.body.length > 0) {
    if (mediaType(res.headers) !== 'application/json') problems.push(`${where}: a ${res.status} body of type ${res.headers['content-type'] ?? 'none'}`);
    try {
      answer = JSON.parse(res.body.toString('utf8')) as unknown;
    } catch {
      problems.push(`${where}: the ${res.status} body does not parse`);
    }
  }
  problems.push(...validateAgainstSpec(ex.method, ex.url, res.status, answer, res.headers).map((p) => `${where} ${res.status}: ${p}`));
  if (res.headers['idempotent-replayed'] === 'true') tags.push(`${id} ${res.status} replayed`);
  if (res.status >= 400 && answer !== undefined) tags.push(`${id} ${res.status} ${(answer as { error?: { code?: string } }).error?.code ?? '?'}`);
  return { tags, problems };
}

/**
 * A dossier bundle's or batch's body against the spec: the field `dossier` (a valid manifest, or
 * batch entry), then exactly one file part per distinct manifest file with its length and
 * SHA-256; a bundle carries one dossier, a batch one or more, each followed by its files.
 */
export async function bundleProblems(ex: Exchange): Promise<string[]> {
  const where = `#${ex.seq} ${ex.method} ${ex.url}`;
  const batch = new URL(ex.url, 'http://x.invalid').pathname === '/v1/dossier-batches';
  let form: FormData;
  try {
    form = await new Response(new Uint8Array(ex.requestBody), { headers: { 'content-type': ex.requestHeaders['content-type'] ?? '' } }).formData();
  } catch {
    // A body the portal cut on purpose may be partial; a complete exchange must parse.
    return ex.response?.complete ? [`${where}: the multipart body does not parse`] : [];
  }
  const parts: [string, FormDataEntryValue][] = [];
  form.forEach((value, name) => parts.push([name, value]));
  const problems: string[] = [];
  let dossiers = 0;
  for (let at = 0; at < parts.length; ) {
    const [name, value] = parts[at] ?? [];
    if (name !== 'dossier' || typeof value !== 'string') return [...problems, `${where}: part ${at + 1} is not the field "dossier"`];
    dossiers += 1;
    const manifest = JSON.parse(value) as { files?: { sha256: string; length: number }[] };
    problems.push(...spec.validateJsonPart(batch ? 'submitDossierBatch' : 'submitDossierBundle', 'dossier', manifest).map((p) => `${where}: ${p}`));
    at += 1;
    const files: [string, FormDataEntryValue][] = [];
    while (at < parts.length && parts[at]?.[0] !== 'dossier') files.push(parts[at++] as [string, FormDataEntryValue]);
    // One part per distinct file, in order of first appearance.
    const expected = (manifest.files ?? []).filter((f, i, all) => all.findIndex((g) => g.sha256 === f.sha256) === i);
    if (files.length !== expected.length) problems.push(`${where}: ${files.length} file parts for ${expected.length} distinct manifest files`);
    for (const [i, [partName, part]] of files.entries()) {
      if (partName !== 'file' || typeof part === 'string') {
        problems.push(`${where}: file part ${i + 1} of dossier ${dossiers} is not a file part named "file"`);
        continue;
      }
      const bytes = new Uint8Array(await part.arrayBuffer());
      if (bytes.byteLength !== expected[i]?.length || sha256(bytes) !== expected[i]?.sha256) problems.push(`${where}: file part ${i + 1} differs from its manifest entry`);
    }
  }
  if (batch ? dossiers === 0 : dossiers !== 1) problems.push(`${where}: ${dossiers} dossiers in a ${batch ? 'batch' : 'bundle'}`);
  return problems;
}

async function until(what: string, probe: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** The call must fail with this HTTP status; returns the client's error for further checks. */
async function refused(status: number, call: Promise<unknown>): Promise<PortalError> {
  const error: unknown = await call.then(
    () => new Error(`expected HTTP ${status}, got a success`),
    (e: unknown) => e,
  );
  if (!(error instanceof PortalError)) throw error;
  expect(error.status, error.message).toBe(status);
  return error;
}

const faults = (portal: PortalServer, list: FaultInput[]): void => portal.setFaults(list.map((f) => FaultSchema.parse(f)));
const seen = (proxy: RecordingProxy, id: string): number => proxy.exchanges.filter((e) => spec.match(e.method, new URL(e.url, 'http://x').pathname)?.operation.operationId === id).length;

describe('kiosk ↔ portal contract on the wire', () => {
  it('every request the kiosk sends and every answer the reference portal gives match docs/sync-api.yaml', async () => {
    const { server: portal, url: portalUrl } = await startPortal(tempDir());
    cleanups.push(() => portal.close());
    const proxy = await startRecordingProxy(portalUrl);
    cleanups.push(() => proxy.close());
    const credentials = new MemoryCredentialStore();
    const now = new Date();
    const today = localDay(now, TZ);

    // 1. The sync service as the kiosk runs it: enrollment, heartbeat, catalog, code and number blocks,
    //    a ticket numbered by the portal, a dossier delivered by its outbox, a status lookup.
    const kioskDir = tempDir();
    const db = openKioskDb(join(kioskDir, 'kiosk.sqlite3'));
    cleanups.push(() => {
      db.close();
    });
    const config = demoConfig({
      sync: { portalUrl: proxy.url, enrollmentToken: DEMO_ENROLLMENT_TOKEN, heartbeatSeconds: 1, dossierCodesPerDay: 8, queueBlockSize: 5, queueBlockLow: 2 },
    });
    const imported: unknown[] = [];
    const service = wireSync({
      db,
      config,
      fileRoot: join(kioskDir, 'files'),
      credentials,
      clock: systemClock,
      logger: createMemoryLogger(),
      random: Math.random,
      wait: realWait,
      version: 'contract-test',
      devices: () => [{ device: 'printer', state: 'degraded', reason: 'printer_paper_low', at: new Date().toISOString() }],
      health: () => ({
        render: { screen: 'screen-home', ageSeconds: 3 },
        uptimeSeconds: 12,
        schemaVersion: 7,
        storage: { level: 'ok', freeBytes: 5_000_000_000 },
        lastPurgeAt: now.toISOString(),
      }),
      catalog: { importDocument: (raw) => imported.push(raw) },
      onLinkState: () => undefined,
      alerts: { raise: () => undefined, resolve: () => undefined },
    });
    cleanups.push(() => service.close());
    service.start();
    await until('the first upkeep round', () => imported.length === 1 && seen(proxy, 'reserveQueueNumbers') === config.queue.services.length && seen(proxy, 'reserveDossierCodes') === 1);
    const allocator = service.allocator;
    if (!allocator) throw new Error('the sync service has no allocator');
    const service0 = config.queue.services[0]?.id ?? '';
    const ticket = await allocator.allocate({ ticketId: randomUUID(), serviceId: service0, day: today, priority: 'elderly', issuedAt: now.toISOString(), digits: 3 });
    expect(ticket.source).toBe('portal');
    const [delivered] = seedDossiers(db, join(kioskDir, 'files'), 1, 2, 3_000);
    service.wake();
    const pending = () => (db.prepare(`SELECT count(*) AS n FROM outbox_jobs WHERE state != 'done'`).get() as { n: number }).n;
    await until('the dossier delivered by the service', () => pending() === 0);
    await service.lookups?.refreshDossier(delivered?.provisionalCode ?? '');
    // A fee payment for the delivered dossier, as the payment service writes it, goes out through
    // the outbox's submit-payment job; the kiosk then asks for its state.
    const paymentId = randomUUID();
    const reference = delivered?.provisionalCode.slice(0, 25) ?? 'x';
    db.transaction(() => {
      insertPayment(db, { id: paymentId, dossierId: delivered?.id ?? '', amountVnd: 50_000, reference, now: now.toISOString() });
      enqueueJob(db, { kind: PAYMENT_JOB_KIND, subjectId: paymentId, idempotencyKey: paymentId, payload: { paymentId }, now: now.toISOString() });
    })();
    service.wake();
    await until('the payment delivered by the service', () => pending() === 0);
    await service.lookups?.refreshPayment(paymentId);
    await service.close();

    // 2. The outbox handler on a second store, every bundle refused (the dossiers resume file by
    //    file, in small chunks), with the portal cutting a create and a PATCH mid-body (create again,
    //    HEAD, PATCH resume) and losing the answer to a submit (idempotent replay); one dossier
    //    carries an official code from the terminal's own block.
    const client = new PortalClient({ baseUrl: proxy.url, credentials, clock: systemClock, timeoutMs: 10_000, fetch: kioskHttp.fetch });
    const dir2 = tempDir();
    const db2 = openKioskDb(join(dir2, 'kiosk.sqlite3'));
    cleanups.push(() => {
      db2.close();
    });
    const seeded = seedDossiers(db2, join(dir2, 'files'), 3, 2, 40_000);
    const codeKey = `codes.contract.${randomUUID()}`;
    const block = await client.reserveDossierCodes(today, 3, codeKey);
    const reservedCode = block.codes[0] ?? '';
    db2.prepare(`UPDATE dossiers SET provisional_code = NULL, official_code = ?, received_at = ? WHERE id = ?`).run(reservedCode, now.toISOString(), seeded[2]?.id);
    faults(portal, [
      { kind: '5xx', status: 503, method: 'POST', path: '/v1/dossier-bundles' },
      { kind: 'reset', method: 'POST', path: '/v1/uploads', times: 1 },
      { kind: 'drop-upload', after: 3_000, method: 'PATCH', times: 1 },
      { kind: 'reset', phase: 'after', method: 'POST', path: '/v1/dossiers', times: 1 },
    ]);
    const run = await drain(db2, client, join(dir2, 'files'), { chunkBytes: 16 * 1024, concurrency: 1, timeoutMs: 15_000 });
    expect(run.left).toBe(0);

    // 3. Bundles: one cut mid-body (the file-by-file path goes on from what the portal kept), one
    //    whose answer is lost after the portal committed it (the single submit's replay answers).
    const dir3 = tempDir();
    const db3 = openKioskDb(join(dir3, 'kiosk.sqlite3'));
    cleanups.push(() => {
      db3.close();
    });
    const bundled = seedDossiers(db3, join(dir3, 'files'), 3, 2, 20_000);
    faults(portal, [
      { kind: 'drop-upload', after: 30_000, method: 'POST', path: '/v1/dossier-bundles', times: 1 },
      { kind: 'reset', phase: 'after', method: 'POST', path: '/v1/dossier-bundles', times: 1 },
    ]);
    const run3 = await drain(db3, client, join(dir3, 'files'), { chunkBytes: 16 * 1024, concurrency: 1, timeoutMs: 15_000 });
    expect(run3.left).toBe(0);
    faults(portal, []);
    for (const d of bundled) expect(portalHoldings(portal).files.filter((f) => f.dossier_id === d.id)).toHaveLength(2);
    expect(seen(proxy, 'submitDossierBundle')).toBeGreaterThanOrEqual(3);
    const held = portalHoldings(portal);
    for (const d of [delivered, ...seeded]) expect(held.dossiers.some((p) => p.id === d?.id)).toBe(true);
    expect(held.dossiers.find((p) => p.id === seeded[2]?.id)?.code).toBe(reservedCode);

    // 5. Reads and refusals through the same client.
    const etag = (await client.heartbeat({ appVersion: 'contract-test', sentAt: new Date().toISOString(), devices: [], outbox: { depth: 0 } })).catalogEtag;
    expect(await client.catalog(etag)).toEqual({ status: 'unchanged' });
    expect((await client.dossierStatus(seeded[0]?.id ?? '')).status).toBe(1);
    await refused(404, client.dossierStatus(randomUUID()));
    await refused(404, client.uploadOffset('no-such-upload'));
    // The same request again (a replay after a lost answer) gets the first answer back.
    const payment = { paymentId, dossierId: delivered?.id ?? '', amountVnd: 50_000, method: 'vietqr' as const, reference, createdAt: now.toISOString() };
    expect((await client.createPayment(payment)).state).toBe('pending');
    expect((await client.payment(paymentId)).paymentId).toBe(paymentId);
    await refused(404, client.payment(randomUUID()));
    // A payment for a dossier the portal does not hold (yet): a state that may change, not a refusal.
    expect((await refused(409, client.createPayment({ ...payment, paymentId: randomUUID(), dossierId: randomUUID() }))).kind).toBe('transient');

    const bytes = randomBytes(100);
    const upload = await client.createUpload({ length: 100, sha256: sha256(bytes), fileName: 'trang-1.pdf', contentType: 'application/pdf' }, `contract.${randomUUID()}`);
    expect((await refused(409, client.appendUpload(upload.uploadId, 10, bytes.subarray(10)))).offset).toBe(0);
    expect((await refused(422, client.appendUpload(upload.uploadId, 0, randomBytes(100)))).code).toBe('checksum_mismatch');
    // A name with an apostrophe and Vietnamese letters is a valid create.
    const named = await client.createUpload({ length: 100, sha256: sha256(bytes), fileName: "đơn của bà O'Neil (bản sao).pdf", contentType: 'application/pdf' }, `contract.${randomUUID()}`);
    expect(named.state).toBe('partial');
    await refused(413, client.createUpload({ length: 60 * 1024 * 1024, sha256: sha256(bytes), fileName: 'lon.pdf', contentType: 'application/pdf' }, `contract.${randomUUID()}`));
    expect((await refused(422, client.reserveDossierCodes(today, 4, codeKey))).code).toBe('idempotency_key_reused');
    expect((await refused(422, client.reserveDossierCodes('2020-01-01', 1, `contract.${randomUUID()}`))).code).toBe('invalid_day');

    faults(portal, [{ kind: '409', path: '/v1/queue-tickets', times: 1 }]);
    await refused(409, client.registerQueueTicket({ ticketId: randomUUID(), serviceId: service0, day: today, priority: 'none', issuedAt: new Date().toISOString() }));
    faults(portal, [{ kind: '429', retryAfter: 2, path: '/v1/heartbeats', times: 1 }]);
    const slow = await refused(429, client.heartbeat({ appVersion: 'contract-test', sentAt: new Date().toISOString(), devices: [], outbox: { depth: 0 } }));
    expect([slow.kind, slow.retryAfterMs]).toEqual(['rate-limited', 2_000]);
    faults(portal, [{ kind: '429', retryAfter: 1, method: 'HEAD', times: 1 }]);
    expect((await refused(429, client.uploadOffset(upload.uploadId))).kind).toBe('rate-limited');
    faults(portal, [{ kind: '5xx', status: 503, path: '/v1/catalog', times: 1 }]);
    await refused(503, client.catalog(null));
    faults(portal, [{ kind: '5xx', status: 500, path: '/v1/dossiers', method: 'GET', times: 1 }]);
    expect((await refused(500, client.dossierStatus(seeded[0]?.id ?? ''))).kind).toBe('transient');
    faults(portal, []);

    // A terminal enrolled again elsewhere: the old credential is refused everywhere.
    const oldCredential = new MemoryCredentialStore();
    const old = new PortalClient({ baseUrl: proxy.url, credentials: oldCredential, clock: systemClock, fetch: kioskHttp.fetch });
    await old.enroll(DEMO_ENROLLMENT_TOKEN, 'KIOSK-09', 'contract-test');
    await new PortalClient({ baseUrl: proxy.url, credentials: new MemoryCredentialStore(), clock: systemClock, fetch: kioskHttp.fetch }).enroll(DEMO_ENROLLMENT_TOKEN, 'KIOSK-09', 'contract-test');
    // The client drops a refused credential (to enroll again); put it back to try each route.
    const stale = oldCredential.read() ?? '';
    await refused(401, old.heartbeat({ appVersion: 'contract-test', sentAt: new Date().toISOString(), devices: [], outbox: { depth: 0 } }));
    expect(oldCredential.read()).toBeNull();
    oldCredential.write(stale);
    await refused(401, old.uploadOffset(upload.uploadId));
    oldCredential.write(stale);
    await refused(401, old.catalog(null));

    // What the wire saw.
    const verdicts = proxy.exchanges.map(checkExchange);
    expect(verdicts.flatMap((v) => v.problems)).toEqual([]);
    const bundleChecks = await Promise.all(proxy.exchanges.filter((e) => ['/v1/dossier-bundles', '/v1/dossier-batches'].includes(new URL(e.url, 'http://x').pathname)).map(bundleProblems));
    expect(bundleChecks.flat()).toEqual([]);
    const covered = new Set(verdicts.flatMap((v) => v.tags));
    const required = [
      'enrollTerminal 201',
      'sendHeartbeat 200',
      'sendHeartbeat 401',
      'sendHeartbeat 429',
      'getCatalog 200',
      'getCatalog 304',
      'getCatalog 401',
      'getCatalog 503',
      'reserveDossierCodes 201',
      'reserveDossierCodes 422 idempotency_key_reused',
      'reserveDossierCodes 422 invalid_day',
      'reserveQueueNumbers 201',
      'registerQueueTicket 201',
      'registerQueueTicket 409 conflict',
      'createUpload json',
      'createUpload 201',
      'createUpload dropped',
      'createUpload 413 payload_too_large',
      'getUploadOffset 200',
      'getUploadOffset 401',
      'getUploadOffset 404',
      'getUploadOffset 429',
      'appendUpload 200',
      'appendUpload dropped',
      'appendUpload 409 offset_mismatch',
      'appendUpload 422 checksum_mismatch',
      'submitDossier 201',
      'submitDossier dropped',
      'submitDossier 201 replayed',
      'submitDossierBundle 201',
      'submitDossierBundle dropped',
      'getDossier 200',
      'getDossier 404 not_found',
      'getDossier 500 internal',
      'createPayment 201',
      'createPayment 201 replayed',
      'createPayment 409 conflict',
      'getPayment 200',
      'getPayment 404 not_found',
    ];
    expect(required.filter((t) => !covered.has(t))).toEqual([]);
    expect(proxy.exchanges.length).toBeGreaterThan(40);
  }, 30_000);

  it('the wire check finds a request or an answer that strays from the spec', () => {
    const created: NonNullable<Exchange['response']> = {
      status: 201,
      headers: { 'content-type': 'application/json', location: '/v1/uploads/u1', 'upload-offset': '0' },
      body: Buffer.from(JSON.stringify({ uploadId: 'u1', offset: 0, length: 3, sha256: 'a'.repeat(64), state: 'partial' })),
      complete: true,
    };
    const good: Exchange = {
      seq: 0,
      method: 'POST',
      url: '/v1/uploads',
      requestHeaders: { 'content-type': 'application/json', authorization: 'Bearer abc', 'idempotency-key': 'dossier.1234567' },
      requestBody: Buffer.from(JSON.stringify({ length: 3, sha256: 'a'.repeat(64), fileName: 'a.pdf', contentType: 'application/pdf' })),
      response: created,
    };
    expect(checkExchange(good).problems).toEqual([]);
    const noLocation = { ...good, response: { ...created, headers: { 'content-type': 'application/json', 'upload-offset': '0' } } };
    expect(checkExchange(noLocation).problems.join('\n')).toMatch(/Location is required/);
    const noAuth = { ...good, requestHeaders: { 'content-type': 'application/json', 'idempotency-key': 'dossier.1234567' } };
    expect(checkExchange(noAuth).problems.join('\n')).toMatch(/no Bearer credential/);
    const bytesWithoutFacts = { ...good, requestHeaders: { ...good.requestHeaders, 'content-type': 'application/offset+octet-stream', 'upload-length': '3' }, requestBody: Buffer.from('abc') };
    expect(checkExchange(bytesWithoutFacts).problems.join('\n')).toMatch(/without upload-sha256, upload-file-name, upload-media-type/);
    const extraField = { ...good, requestBody: Buffer.from(JSON.stringify({ length: 3, sha256: 'a'.repeat(64), fileName: 'a.pdf', contentType: 'application/pdf', note: 'x' })) };
    expect(checkExchange(extraField).problems.join('\n')).toMatch(/additional properties \(note\)/);
    const htmlError = { ...good, response: { status: 500, headers: { 'content-type': 'text/html' }, body: Buffer.from('<h1>oops</h1>'), complete: true } };
    expect(checkExchange(htmlError).problems.length).toBeGreaterThan(0);
  });

  it('the bundle check finds a file part that differs from the manifest, a missing part, and a bad manifest', async () => {
    const file = Buffer.from('the bytes of a page');
    const entry = { documentId: 'TP1', fileName: 'TP1-01.png', sha256: sha256(file), length: file.length, contentType: 'image/png' };
    const dossier = {
      dossierId: randomUUID(),
      provisionalCode: 'TAM-1',
      procedureCode: '1.012790',
      receivedAt: '2026-11-23T03:00:00.000Z',
      receivedDay: '2026-11-23',
      channel: 1,
      applicant: { kind: 1, name: 'Nguyễn Văn A', idNumber: '001099012345' },
      formData: {},
      files: [],
    };
    const body = (manifest: unknown, parts: Buffer[]) =>
      Buffer.concat([
        Buffer.from(`--test-boundary-0123\r\nContent-Disposition: form-data; name="dossier"\r\nContent-Type: application/json\r\n\r\n${JSON.stringify(manifest)}\r\n`),
        ...parts.flatMap((p) => [Buffer.from('--test-boundary-0123\r\nContent-Disposition: form-data; name="file"; filename="f.png"\r\nContent-Type: application/octet-stream\r\n\r\n'), p, Buffer.from('\r\n')]),
        Buffer.from('--test-boundary-0123--\r\n'),
      ]);
    const exchange = (requestBody: Buffer): Exchange => ({
      seq: 1,
      method: 'POST',
      url: '/v1/dossier-bundles',
      requestHeaders: { 'content-type': 'multipart/form-data; boundary=test-boundary-0123', authorization: 'Bearer abc', 'idempotency-key': dossier.dossierId },
      requestBody,
      response: { status: 201, headers: {}, body: Buffer.alloc(0), complete: true },
    });
    expect(await bundleProblems(exchange(body({ dossier, files: [entry] }, [file])))).toEqual([]);
    expect((await bundleProblems(exchange(body({ dossier, files: [entry] }, [Buffer.from('other bytes')])))).join('\n')).toMatch(/differs from its manifest entry/);
    expect((await bundleProblems(exchange(body({ dossier, files: [entry, { ...entry, sha256: 'f'.repeat(64) }] }, [file])))).join('\n')).toMatch(/1 file parts for 2 distinct manifest files/);
    expect((await bundleProblems(exchange(body({ dossier: { ...dossier, files: [{}] }, files: [entry] }, [file])))).join('\n')).toMatch(/part dossier/);
    // A batch: each entry carries its key and is followed by its own files; a bundle carries one dossier.
    const twice = Buffer.concat([body({ idempotencyKey: dossier.dossierId, dossier, files: [entry] }, [file]).subarray(0, -'--test-boundary-0123--\r\n'.length), body({ idempotencyKey: `${dossier.dossierId}x`, dossier, files: [entry] }, [file])]);
    const batch = (requestBody: Buffer): Exchange => ({ ...exchange(requestBody), url: '/v1/dossier-batches', requestHeaders: { ...exchange(requestBody).requestHeaders, 'idempotency-key': '' } });
    expect(await bundleProblems(batch(twice))).toEqual([]);
    expect((await bundleProblems(exchange(twice))).join('\n')).toMatch(/2 dossiers in a bundle/);
    expect((await bundleProblems(batch(body({ dossier, files: [entry] }, [file])))).join('\n')).toMatch(/must have required property 'idempotencyKey'/);
    const secondSpoiled = Buffer.concat([body({ idempotencyKey: dossier.dossierId, dossier, files: [entry] }, [file]).subarray(0, -'--test-boundary-0123--\r\n'.length), body({ idempotencyKey: `${dossier.dossierId}x`, dossier, files: [entry] }, [Buffer.from('other')])]);
    expect((await bundleProblems(batch(secondSpoiled))).join('\n')).toMatch(/file part 1 differs/);
  });
});
