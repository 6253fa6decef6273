import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { getDossierFiles } from '../../src-main/sync/dossier-repository';
import { useTempDirs } from '../fakes/temp-dir';
import { systemClock } from '../../src-main/app/clock';
import { MemoryCredentialStore } from '../../src-main/sync/credential-store';
import { PortalClient, type BundleToSend } from '../../src-main/sync/portal-client';
import { drain, enrolledClient, kioskHttp, openKioskDb, portalHoldings, seedDossiers, startPortal, storedBundle, storedSha256 } from './harness';
import { startRecordingProxy } from './recording-proxy';

/*
 * POST /v1/dossier-batches on the real reference portal, through the kiosk's client where the
 * request is well formed and by hand (FormData) where it must not be: each entry is its bundle
 * under its own key, one refusal does not stop the others, and a body out of shape is refused
 * whole with what came before kept for the single calls.
 */

const tempDir = useTempDirs();

async function setUp(dossiers: number) {
  const portal = await startPortal(tempDir());
  const kioskDir = tempDir();
  const fileRoot = join(kioskDir, 'files');
  const db = openKioskDb(join(kioskDir, 'kiosk.sqlite3'));
  const seeded = seedDossiers(db, fileRoot, dossiers, 2, 30_000);
  const { client, credentials } = await enrolledClient(portal.url);
  const bundles = seeded.map((d) => storedBundle(db, fileRoot, d.id));
  const close = async () => {
    db.close();
    await portal.server.close();
  };
  return { portal, db, fileRoot, seeded, client, credential: credentials.read() ?? '', bundles, close };
}

const uploadsOf = (portalDb: BetterSqlite3.Database, sha256: string): number => portalDb.prepare(`SELECT count(*) FROM uploads WHERE sha256 = ?`).pluck().get(sha256) as number;

/** A batch body by hand: per entry its manifest (with its key) and the given file parts. */
function formOf(entries: { bundle: BundleToSend; parts: Uint8Array<ArrayBuffer>[] }[]): FormData {
  const form = new FormData();
  for (const { bundle, parts } of entries) {
    form.append('dossier', JSON.stringify({ idempotencyKey: bundle.manifest.dossier.dossierId, ...bundle.manifest }));
    parts.forEach((bytes, i) => form.append('file', new Blob([bytes]), bundle.manifest.files[i]?.fileName ?? 'x.pdf'));
  }
  return form;
}

const filesOf = (db: BetterSqlite3.Database, fileRoot: string, dossierId: string): Uint8Array<ArrayBuffer>[] => getDossierFiles(db, dossierId).map((f) => readFileSync(join(fileRoot, f.relative_path)));

async function postBatch(url: string, credential: string, form: FormData): Promise<{ status: number; body: { results?: { idempotencyKey: string; status: number; replayed?: boolean; body: { code?: string; error?: { code: string } } }[]; error?: { code: string } } }> {
  // Global fetch: it encodes FormData (the kiosk client sends bytes it framed itself).
  const res = await fetch(`${url}/v1/dossier-batches`, { method: 'POST', body: form, headers: { authorization: `Bearer ${credential}` } });
  return { status: res.status, body: (await res.json()) as never };
}

describe('POST /v1/dossier-batches on the reference portal', () => {
  it('takes several dossiers in one request, answers each in order, and answers the same batch again from what it stored', async () => {
    const t = await setUp(3);
    try {
      const first = await t.client.submitDossierBatch(t.bundles);
      expect(first.map((r) => (r.ok ? r.receipt.dossierId : r.error.message))).toEqual(t.seeded.map((d) => d.id));
      const held = portalHoldings(t.portal.server);
      expect(held.dossiers).toHaveLength(3);
      for (const d of t.seeded) {
        const files = held.files.filter((f) => f.dossier_id === d.id);
        expect(files.map((f) => storedSha256(t.portal.server.deps.uploadsDir, f)).sort()).toEqual(d.files.map((f) => f.sha256).sort());
      }
      // A lost answer, the batch sent again: the same receipts, nothing stored twice.
      const again = await t.client.submitDossierBatch(t.bundles);
      expect(again.map((r) => (r.ok ? r.receipt.code : null))).toEqual(first.map((r) => (r.ok ? r.receipt.code : null)));
      expect(portalHoldings(t.portal.server).dossiers).toHaveLength(3);
      for (const d of t.seeded) for (const f of d.files) expect(uploadsOf(t.portal.server.deps.db, f.sha256)).toBe(1);
      // And by hand, to read the replay flag on the wire.
      const byHand = await postBatch(t.portal.url, t.credential, formOf(t.seeded.map((d, i) => ({ bundle: t.bundles[i] as BundleToSend, parts: filesOf(t.db, t.fileRoot, d.id) }))));
      expect(byHand.status).toBe(200);
      expect(byHand.body.results?.map((r) => [r.status, r.replayed])).toEqual([
        [201, true],
        [201, true],
        [201, true],
      ]);
    } finally {
      await t.close();
    }
  });

  it("refuses one dossier's spoiled file as its own result (422) and takes the others", async () => {
    const t = await setUp(3);
    try {
      const entries = t.seeded.map((d, i) => ({ bundle: t.bundles[i] as BundleToSend, parts: filesOf(t.db, t.fileRoot, d.id) }));
      const spoiled = entries[1]?.parts[0];
      if (!spoiled) throw new Error('no file to spoil');
      spoiled[100] = (spoiled[100] ?? 0) ^ 0xff;
      const { status, body } = await postBatch(t.portal.url, t.credential, formOf(entries));
      expect(status).toBe(200);
      expect(body.results?.map((r) => [r.idempotencyKey, r.status, r.body.error?.code ?? 'ok'])).toEqual([
        [t.seeded[0]?.id, 201, 'ok'],
        [t.seeded[1]?.id, 422, 'checksum_mismatch'],
        [t.seeded[2]?.id, 201, 'ok'],
      ]);
      expect(portalHoldings(t.portal.server).dossiers.map((d) => d.id).sort()).toEqual([t.seeded[0]?.id, t.seeded[2]?.id].sort());
      // The refused dossier sent again as the kiosk would (its own bundle, the true bytes) arrives.
      await t.client.submitDossierBundle(t.bundles[1] as BundleToSend);
      expect(portalHoldings(t.portal.server).dossiers).toHaveLength(3);
    } finally {
      await t.close();
    }
  });

  it('refuses a body out of shape whole (400), keeping the files received before it for the single calls', async () => {
    const t = await setUp(2);
    try {
      const [a, b] = t.seeded.map((d) => filesOf(t.db, t.fileRoot, d.id));
      // The second dossier lists two files and carries one.
      const form = formOf([
        { bundle: t.bundles[0] as BundleToSend, parts: a ?? [] },
        { bundle: t.bundles[1] as BundleToSend, parts: (b ?? []).slice(0, 1) },
      ]);
      const { status, body } = await postBatch(t.portal.url, t.credential, form);
      expect([status, body.error?.code]).toEqual([400, 'invalid_request']);
      expect(portalHoldings(t.portal.server).dossiers).toHaveLength(0);
      // The first dossier's files were recorded: its bundle finds them and does not store them again.
      const receipt = await t.client.submitDossierBundle(t.bundles[0] as BundleToSend);
      expect(receipt.dossierId).toBe(t.seeded[0]?.id);
      for (const f of t.seeded[0]?.files ?? []) expect(uploadsOf(t.portal.server.deps.db, f.sha256)).toBe(1);
      // An empty batch is out of shape too.
      expect((await postBatch(t.portal.url, t.credential, new FormData())).status).toBe(400);
    } finally {
      await t.close();
    }
  });

  it('a portal without batches (API 1.2) answers 404 once: those dossiers and every one after go as single bundles', async () => {
    const t = await setUp(5);
    const proxy = await startRecordingProxy(t.portal.url, { notFound: ['/v1/dossier-batches'] });
    try {
      const client = new PortalClient({ baseUrl: proxy.url, credentials: new MemoryCredentialStore(t.credential), clock: systemClock, fetch: kioskHttp.fetch });
      const run = await drain(t.db, client, t.fileRoot, { concurrency: 8, requestsInFlight: 1, timeoutMs: 15_000 });
      expect(run.left).toBe(0);
      const paths = proxy.exchanges.map((e) => new URL(e.url, 'http://x.invalid').pathname);
      expect(paths.filter((p) => p === '/v1/dossier-batches')).toHaveLength(1);
      expect(paths.filter((p) => p === '/v1/dossier-bundles')).toHaveLength(5);
      // Nothing went file by file: the 404 was about batches, not bundles.
      expect(paths.filter((p) => p === '/v1/uploads')).toHaveLength(0);
      expect(portalHoldings(t.portal.server).dossiers.map((d) => d.id).sort()).toEqual(t.seeded.map((d) => d.id).sort());
    } finally {
      await proxy.close();
      await t.close();
    }
  });
});
