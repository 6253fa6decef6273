import { createHash, randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { uploadFile } from '../../src-portal/handlers/uploads';
import { send, today, usePortals, uuid, type TestPortal } from './harness';

const startPortal = usePortals();
/** One instant for every bundle: a bundle sent again is the same request. */
const receivedAt = new Date().toISOString();
const sha = (b: Buffer): string => createHash('sha256').update(b).digest('hex');

/**
 * POST /v1/dossier-bundles as the kiosk sends it: the manifest of `files`, then one part per
 * distinct file (or the `parts` given instead).
 */
async function sendBundle(p: TestPortal, token: string, dossierId: string, files: Buffer[], parts?: Buffer[]): Promise<{ status: number; replayed: string | null; json: unknown }> {
  const manifest = {
    dossier: {
      dossierId, provisionalCode: 'P-1', procedureCode: '1.012783', receivedAt, receivedDay: today(),
      channel: 1, applicant: { kind: 1, name: 'Lê Thị B', idNumber: '001099012346' }, formData: {}, files: [],
    },
    files: files.map((f, i) => ({ documentId: `doc-${i}`, fileName: `trang-${i}.pdf`, sha256: sha(f), length: f.length, contentType: 'application/pdf' })),
  };
  const form = new FormData();
  // A string makes a field part (a Blob would be a file part).
  form.append('dossier', JSON.stringify(manifest));
  const distinct = [...new Map(files.map((f) => [sha(f), f] as const)).values()];
  for (const f of parts ?? distinct) form.append('file', new Blob([new Uint8Array(f)], { type: 'application/octet-stream' }), 'f');
  const res = await fetch(`${p.url}/v1/dossier-bundles`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'idempotency-key': dossierId }, body: form });
  return { status: res.status, replayed: res.headers.get('idempotent-replayed'), json: (await res.json()) as unknown };
}

const uploadsDir = (p: TestPortal): string => p.portal.deps.uploadsDir;
const rows = (p: TestPortal) =>
  p.portal.deps.db.prepare(`SELECT id, offset, state, sha256, pack_file FROM uploads ORDER BY created_at, rowid`).all() as { id: string; offset: number; state: string; sha256: string; pack_file: string | null }[];

describe('reference portal: dossier bundles', () => {
  it('stores each file of a bundle as a plain file of its own, once, and a bundle sent again is a replay', async () => {
    const p = await startPortal();
    const token = await p.enroll('K1');
    const [a, b] = [randomBytes(40_000), randomBytes(25_000)];
    const dossierId = uuid();
    // The same page listed twice is one part and one upload.
    const first = await sendBundle(p, token, dossierId, [a, b, a]);
    expect(first.status).toBe(201);
    expect(first.json).toMatchObject({ dossierId, status: 1 });
    const stored = rows(p);
    expect(stored.map((r) => [r.sha256, r.state, r.pack_file])).toEqual([
      [sha(a), 'complete', null],
      [sha(b), 'complete', null],
    ]);
    for (const r of stored) expect(sha(readFileSync(uploadFile(uploadsDir(p), r.id)))).toBe(r.sha256);
    expect(readdirSync(uploadsDir(p)).sort()).toEqual(stored.map((r) => `${r.id}.bin`).sort());

    const again = await sendBundle(p, token, dossierId, [a, b, a]);
    expect(again).toMatchObject({ status: 201, replayed: 'true', json: first.json });
    expect(rows(p)).toHaveLength(2);
    expect(readdirSync(uploadsDir(p))).toHaveLength(2);
  });

  it('a bundle cut in its second file keeps the first whole and what arrived of the second, resumed by its key and PATCH', async () => {
    const p = await startPortal({ faults: [{ kind: 'drop-upload', after: 50_000, path: '/v1/dossier-bundles', times: 1 }] });
    const token = await p.enroll('K1');
    const [a, b] = [randomBytes(30_000), randomBytes(40_000)];
    const dossierId = uuid();
    await expect(sendBundle(p, token, dossierId, [a, b])).rejects.toThrow();
    expect(rows(p).map((r) => [r.state, r.offset])).toEqual([
      ['complete', 30_000],
      ['partial', 20_000],
    ]);
    // The single calls the bundle is defined as find what the portal kept.
    const facts = { length: b.length, sha256: sha(b), fileName: 'trang-1.pdf', contentType: 'application/pdf' };
    const found = await p.call('POST', '/v1/uploads', { token, key: `${dossierId}.${sha(b)}`, body: facts });
    expect(found.json).toMatchObject({ offset: 20_000, state: 'partial' });
    const id = (found.json as { uploadId: string }).uploadId;
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/offset+octet-stream', 'upload-offset': '20000' };
    expect((await send(p.url, 'PATCH', `/v1/uploads/${id}`, headers, b.subarray(20_000), true)).json).toMatchObject({ state: 'complete' });
    expect(sha(readFileSync(uploadFile(uploadsDir(p), id)))).toBe(sha(b));
    // The bundle again: both files replay, nothing is written twice, the dossier is received.
    expect((await sendBundle(p, token, dossierId, [a, b])).status).toBe(201);
    expect(rows(p)).toHaveLength(2);
  });

  it('refuses a file whose SHA-256 differs (422): no row and no file for it, the file before it is kept', async () => {
    const p = await startPortal();
    const token = await p.enroll('K1');
    const [a, b] = [randomBytes(10_000), randomBytes(10_000)];
    const spoiled = Buffer.from(b);
    spoiled[100] = (spoiled[100] ?? 0) ^ 0xff;
    const refused = await sendBundle(p, token, uuid(), [a, b], [a, spoiled]);
    expect(refused.status).toBe(422);
    expect(refused.json).toMatchObject({ error: { code: 'checksum_mismatch' } });
    const stored = rows(p);
    expect(stored.map((r) => [r.sha256, r.state])).toEqual([[sha(a), 'complete']]);
    expect(readdirSync(uploadsDir(p))).toEqual([`${stored[0]?.id}.bin`]);
    expect(p.portal.deps.db.prepare('SELECT count(*) FROM dossiers').pluck().get()).toBe(0);
  });

  it('the admin page links each file and gives its bytes back: a scan inline, anything else as a download', async () => {
    const p = await startPortal();
    const token = await p.enroll('K1');
    const files = [randomBytes(5_000), randomBytes(6_000)];
    expect((await sendBundle(p, token, uuid(), files)).status).toBe(201);
    const page = await (await fetch(`${p.url}/admin`)).text();
    const links = [...page.matchAll(/href="(\/admin\/uploads\/[^"]+)"/g)].map((m) => m[1] ?? '');
    expect(links).toHaveLength(2);
    const served = await Promise.all(
      links.map(async (link) => {
        const res = await fetch(`${p.url}${link}`);
        return { type: res.headers.get('content-type'), disposition: res.headers.get('content-disposition'), sha: sha(Buffer.from(await res.arrayBuffer())) };
      }),
    );
    expect(served.map((s) => s.sha).sort()).toEqual(files.map(sha).sort());
    expect(served.map((s) => s.type)).toEqual(['application/pdf', 'application/pdf']);
    expect(served[0]?.disposition).toMatch(/^inline; filename\*=UTF-8''/);
    // A terminal's word that a file is HTML does not make the portal serve it as a page.
    const id = decodeURIComponent(/\/admin\/uploads\/(.+)$/.exec(links[0] ?? '')?.[1] ?? '');
    p.portal.deps.db.prepare(`UPDATE uploads SET content_type = 'text/html' WHERE id = ?`).run(id);
    const html = await fetch(`${p.url}${links[0]}`);
    expect(html.headers.get('content-type')).toBe('application/octet-stream');
    expect(html.headers.get('content-disposition')).toMatch(/^attachment;/);
    expect(html.headers.get('x-content-type-options')).toBe('nosniff');
    expect((await fetch(`${p.url}/admin/uploads/no-such-id`)).status).toBe(404);
  });
});
