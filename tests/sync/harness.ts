import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { assetsDir } from '../../src-main/app/paths';
import { createMemoryLogger } from '../../src-main/kernel/logger';
import { migrate } from '../../src-main/db/migrate';
import { prepareOnce } from '../../src-shared/prepare-once';
import { migrations } from '../../src-main/db/migrations';
import { ContentStore } from '../../src-main/dossier/content-store';
import { enqueueJob } from '../../src-main/outbox/outbox-repository';
import { MemoryCredentialStore } from '../fakes/memory-credential-store';
import { bundleOf, createDossierSyncHandler } from '../../src-main/sync/dossier-sync';
import { getDossier, getDossierFiles } from '../../src-main/dossier/dossier-repository';
import type { BundleToSend } from '../../src-main/sync/portal-client';
import type { DossierSubmission } from '../../src-main/sync/portal-schemas';
import { LinkMonitor } from '../../src-main/sync/link-state';
import { OutboxWorker, type OutboxWorkerDeps, type OutboxWorkerOptions } from '../../src-main/outbox/outbox-worker';
import { PortalClient } from '../../src-main/sync/portal-client';
import { requestFetch } from '../../src-main/sync/request-fetch';
import { realWait } from '../../src-main/outbox/wait';
import type { Fault } from '../../src-portal/faults/fault';
import { DEMO_ENROLLMENT_TOKEN, portalDefaults, type PortalConfig } from '../../src-portal/portal-config';
import { PortalServer } from '../../src-portal/portal-server';
import { readUploadBytes } from '../../src-portal/handlers/uploads';

export async function startPortal(dataDir: string, faults: readonly Fault[] = [], seed = 7, overrides: Partial<PortalConfig> = {}) {
  const server = new PortalServer(
    { ...portalDefaults, port: 0, dataDir, catalogFile: join(assetsDir(), 'demo-catalog.json'), faults, seed, ...overrides },
    { clock: () => new Date(), log: () => undefined, newId: () => randomUUID(), newSecret: () => randomBytes(32).toString('base64url') },
  );
  const url = await server.listen();
  return { server, url };
}

export function openKioskDb(file: string): BetterSqlite3.Database {
  mkdirSync(dirname(file), { recursive: true });
  const db = new BetterSqlite3(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  migrate(db, migrations);
  // As the kiosk's own openDatabase does.
  prepareOnce(db);
  return db;
}

export interface SeededDossier {
  id: string;
  provisionalCode: string;
  files: { sha256: string; bytes: number }[];
}

/** Writes dossiers the way the submit does (files first, then one transaction with the outbox row). */
export function seedDossiers(db: BetterSqlite3.Database, fileRoot: string, count: number, filesEach: number, fileBytes: number, terminal = 'KIOSK-01'): SeededDossier[] {
  const out: SeededDossier[] = [];
  const now = new Date('2026-11-23T02:00:00Z').toISOString();
  // Numbered after the dossiers already there: random numbers collided (birthday odds ~40% at 1,000).
  const before = db.prepare(`SELECT count(*) FROM dossiers`).pluck().get() as number;
  for (let i = 0; i < count; i++) {
    const id = randomUUID();
    const provisionalCode = `TAM-${terminal}-261123-${String(before + i + 1).padStart(7, '0')}`;
    const files = Array.from({ length: filesEach }, () => {
      const bytes = randomBytes(fileBytes);
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      const rel = ContentStore.relativePathOf(sha256);
      mkdirSync(dirname(join(fileRoot, rel)), { recursive: true });
      writeFileSync(join(fileRoot, rel), bytes);
      return { sha256, bytes: fileBytes, rel };
    });
    db.transaction(() => {
      db.prepare(
        `INSERT INTO dossiers (id, provisional_code, procedure_code, procedure_name_vi, procedure_name_en, agency_code, processing_days,
           status, applicant_name, applicant_id_number, applicant_address, identity_source, phone, form_values, delivery_method,
           consent_text_version, consent_at, consent_terminal, terminal_id, received_at, appointment_at, language)
         VALUES (?, ?, '1.012783', 'Cấp đổi Giấy chứng nhận', 'Certificate renewal', '000.00.12.H29', 3, 1, 'Nguyễn Văn Đức', '001099012345',
           'Số 1 Trần Phú', 'cccd_qr', '0912345678', '{"ten_con":"Nguyễn Văn An"}', 'at_center', 'v1', ?, ?, ?, ?, ?, 'vi')`,
      ).run(id, provisionalCode, now, terminal, terminal, now, '2026-11-26T10:00:00.000Z');
      db.prepare(
        `INSERT INTO dossier_documents (dossier_id, document_id, ord, name_vi, name_en, form, copies, kind, page_count)
         VALUES (?, 'don-dang-ky-bien-dong', 1, 'Đơn đăng ký', 'Form', 'original', 1, 'scanned', ?)`,
      ).run(id, filesEach);
      files.forEach((f, page) => {
        db.prepare(`INSERT OR IGNORE INTO files (sha256, byte_size, media_type, relative_path, created_at) VALUES (?, ?, 'application/pdf', ?, ?)`).run(
          f.sha256,
          f.bytes,
          f.rel,
          now,
        );
        db.prepare(`INSERT INTO dossier_files (dossier_id, document_id, page_no, sha256) VALUES (?, 'don-dang-ky-bien-dong', ?, ?)`).run(id, page + 1, f.sha256);
      });
      enqueueJob(db, { kind: 'submit-dossier', subjectId: id, idempotencyKey: id, payload: { dossierId: id }, now });
    })();
    out.push({ id, provisionalCode, files: files.map(({ sha256, bytes }) => ({ sha256, bytes })) });
  }
  return out;
}

/** The kiosk's own transport (the composition root's), so every sync test goes through it. */
export const kioskHttp = requestFetch();

export async function enrolledClient(url: string, terminalId = 'KIOSK-01') {
  const credentials = new MemoryCredentialStore();
  // Requests by path (without the query), so a test can tell which way its dossiers went.
  const requests = new Map<string, number>();
  const fetch: typeof globalThis.fetch = (input, init) => {
    const path = new URL(String(input)).pathname;
    requests.set(path, (requests.get(path) ?? 0) + 1);
    return kioskHttp.fetch(input, init);
  };
  const client = new PortalClient({ baseUrl: url, credentials, clock: { now: () => new Date() }, timeoutMs: 10_000, fetch });
  const enrollment = await client.enroll(DEMO_ENROLLMENT_TOKEN, terminalId, 'test');
  return { client, enrollment, credentials, requests };
}

/** Runs a worker until every row is done or parked (or the time runs out), with real time and sockets. */
export async function drain(
  db: BetterSqlite3.Database,
  client: PortalClient,
  fileRoot: string,
  options: Partial<OutboxWorkerOptions> & { timeoutMs?: number; chunkBytes?: number; alerts?: OutboxWorkerDeps['alerts'] } = {},
) {
  const link = new LinkMonitor(() => Date.now());
  const { timeoutMs, chunkBytes, alerts, ...workerOptions } = options;
  const handler = createDossierSyncHandler({
    db,
    client,
    fileRoot,
    clock: { now: () => new Date() },
    timeZone: 'Asia/Ho_Chi_Minh',
    chunkBytes: chunkBytes ?? 128 * 1024,
  });
  const worker = new OutboxWorker({
    db,
    handlers: { 'submit-dossier': handler },
    clock: { now: () => new Date() },
    random: Math.random,
    wait: realWait,
    logger: createMemoryLogger(),
    link,
    ...(alerts ? { alerts } : {}),
    options: { backoff: { baseMs: 50, capMs: 400 }, linkBackoff: { baseMs: 100, capMs: 500 }, idlePollMs: 50, ...workerOptions },
  });
  const stop = new AbortController();
  const left = () => (db.prepare(`SELECT count(*) AS n FROM outbox_jobs WHERE state IN ('pending','running')`).get() as { n: number }).n;
  const timer = setInterval(() => {
    if (left() === 0) stop.abort();
  }, 25);
  const deadline = setTimeout(() => stop.abort(), timeoutMs ?? 30_000);
  const started = Date.now();
  await worker.start(stop.signal);
  clearInterval(timer);
  clearTimeout(deadline);
  return { ms: Date.now() - started, left: left(), link };
}

/** What the portal holds: per dossier, its files' SHA-256 computed from the stored bytes. */
export function portalHoldings(server: PortalServer) {
  return holdingsIn(server.deps.db);
}

/** The same, from a portal store opened by hand (read-only beside a portal running elsewhere). */
export function holdingsIn(db: BetterSqlite3.Database) {
  const dossiers = db.prepare(`SELECT id, code, provisional_code FROM dossiers`).all() as { id: string; code: string; provisional_code: string | null }[];
  const files = db
    .prepare(`SELECT df.dossier_id, df.upload_id, df.sha256, u.offset, u.pack_file, u.pack_offset FROM dossier_files df JOIN uploads u ON u.id = df.upload_id`)
    .all() as HeldFile[];
  return { dossiers, files };
}

export interface HeldFile {
  dossier_id: string;
  upload_id: string;
  sha256: string;
  offset: number;
  pack_file: string | null;
  pack_offset: number | null;
}

/** The SHA-256 of the bytes the portal stored for a dossier's file (its own file or a pack's range). */
export const storedSha256 = (uploadsDir: string, f: HeldFile): string =>
  createHash('sha256').update(readUploadBytes(uploadsDir, { id: f.upload_id, offset: f.offset, pack_file: f.pack_file, pack_offset: f.pack_offset })).digest('hex');

/** The bundle the kiosk would send for a stored dossier (its manifest, and its files). */
export function storedBundle(db: BetterSqlite3.Database, fileRoot: string, dossierId: string): BundleToSend {
  const dossier = getDossier(db, dossierId);
  if (!dossier) throw new Error(`no dossier ${dossierId} in the kiosk store`);
  const bundle = bundleOf({ fileRoot, timeZone: 'Asia/Ho_Chi_Minh' }, dossier, JSON.parse(dossier.form_values) as DossierSubmission['formData'], getDossierFiles(db, dossierId));
  if (!bundle.ok) throw new Error(`dossier ${dossierId}: its files cannot be read`);
  return bundle.value;
}
