import { createHash, randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { uploadFile } from '../../src-portal/handlers/uploads';
import { send, today, usePortals, uuid, type TestPortal } from './harness';

const startPortal = usePortals();
const sha = (b: Buffer): string => createHash('sha256').update(b).digest('hex');

async function create(p: TestPortal, token: string, file: Buffer, digest = sha(file)): Promise<string> {
  const r = await p.call('POST', '/v1/uploads', { token, key: uuid(), body: { length: file.length, sha256: digest, fileName: 'cccd.pdf', contentType: 'application/pdf' } });
  expect(r.status).toBe(201);
  return (r.json as { uploadId: string }).uploadId;
}
const patch = (p: TestPortal, token: string, id: string, offset: number, chunk: Buffer) =>
  send(p.url, 'PATCH', `/v1/uploads/${id}`, { authorization: `Bearer ${token}`, 'content-type': 'application/offset+octet-stream', 'upload-offset': String(offset) }, chunk, true);
const head = (p: TestPortal, token: string, id: string) => send(p.url, 'HEAD', `/v1/uploads/${id}`, { authorization: `Bearer ${token}` }, undefined, true);

describe('reference portal: resumable uploads', () => {
  it('takes a file in chunks, verifies it, and a dossier can then name it', async () => {
    const p = await startPortal();
    const token = await p.enroll('K1');
    const file = randomBytes(300_000);
    const id = await create(p, token, file);
    expect((await patch(p, token, id, 0, file.subarray(0, 100_000))).json).toMatchObject({ offset: 100_000, state: 'partial' });
    const mismatch = await patch(p, token, id, 0, file.subarray(0, 10));
    expect(mismatch.status).toBe(409);
    expect(mismatch.headers.get('upload-offset')).toBe('100000');
    expect((await head(p, token, id)).headers.get('upload-offset')).toBe('100000');
    const done = await patch(p, token, id, 100_000, file.subarray(100_000));
    expect(done.json).toMatchObject({ offset: 300_000, state: 'complete' });
    expect((await head(p, token, id)).headers.get('upload-state')).toBe('complete');
    const dossierId = uuid();
    const submit = await p.call('POST', '/v1/dossiers', {
      token,
      key: dossierId,
      body: {
        dossierId, provisionalCode: 'P-1', procedureCode: '1.012783', receivedAt: new Date().toISOString(), receivedDay: today(),
        channel: 1, applicant: { kind: 1, name: 'Phạm D', idNumber: '001099012348' }, formData: {},
        files: [{ uploadId: id, documentId: 'don', fileName: 'cccd.pdf', sha256: sha(file), length: file.length }],
      },
    });
    expect(submit.status).toBe(201);
    const state = (await p.admin('GET', '/admin/state')).json as { dossiers: { files: { sha256: string }[] }[] };
    expect(state.dossiers[0]?.files[0]?.sha256).toBe(sha(file));
  });

  it('keeps the bytes that arrived before a dropped connection and resumes from HEAD', async () => {
    const p = await startPortal({ faults: [{ kind: 'drop-upload', after: 70_000, times: 1 }] });
    const token = await p.enroll('K1');
    const file = randomBytes(200_000);
    const id = await create(p, token, file);
    await expect(patch(p, token, id, 0, file)).rejects.toThrow();
    const offset = Number((await head(p, token, id)).headers.get('upload-offset'));
    expect(offset).toBe(70_000);
    const rest = await patch(p, token, id, offset, file.subarray(offset));
    expect(rest.json).toMatchObject({ state: 'complete', offset: file.length });
  });

  it('refuses a file larger than the limit (413), bytes past the length (413), and a wrong SHA-256 (422, reset to 0)', async () => {
    const p = await startPortal({ maxUploadBytes: 1000 });
    const token = await p.enroll('K1');
    const big = await p.call('POST', '/v1/uploads', { token, key: uuid(), body: { length: 1001, sha256: sha(Buffer.alloc(1)), fileName: 'a', contentType: 'x/y' } });
    expect(big.status).toBe(413);
    const file = randomBytes(500);
    const id = await create(p, token, file);
    expect((await patch(p, token, id, 0, Buffer.concat([file, Buffer.alloc(1)]))).status).toBe(413);
    const wrong = await create(p, token, file, sha(Buffer.from('other')));
    const r = await patch(p, token, wrong, 0, file);
    expect(r.status).toBe(422);
    expect((r.json as { error: { code: string } }).error.code).toBe('checksum_mismatch');
    expect((await head(p, token, wrong)).headers.get('upload-offset')).toBe('0');
  });

  it("hides another terminal's upload and refuses a dossier whose file is not verified", async () => {
    const p = await startPortal();
    const a = await p.enroll('A');
    const b = await p.enroll('B');
    const file = randomBytes(1000);
    const id = await create(p, a, file);
    expect((await head(p, b, id)).status).toBe(404);
    expect((await p.call('GET', `/v1/uploads/${id}`, { token: b })).status).toBe(404);
    const dossierId = uuid();
    const body = {
      dossierId, provisionalCode: 'P-2', procedureCode: '1.012783', receivedAt: new Date().toISOString(), receivedDay: today(),
      channel: 1, applicant: { kind: 1, name: 'Võ E', idNumber: '001099012349' }, formData: {},
      files: [{ uploadId: id, documentId: 'don', fileName: 'x.pdf', sha256: sha(file), length: file.length }],
    };
    const early = await p.call('POST', '/v1/dossiers', { token: a, key: dossierId, body });
    expect((early.json as { error: { code: string } }).error.code).toBe('upload_incomplete');
    await patch(p, a, id, 0, file);
    // The refusal was not stored under the key: the same request now succeeds.
    expect((await p.call('POST', '/v1/dossiers', { token: a, key: dossierId, body })).status).toBe(201);
  });
});

const createWithBody = (p: TestPortal, token: string, key: string, file: Buffer, body: Buffer = file, digest = sha(file)) =>
  send(
    p.url,
    'POST',
    '/v1/uploads',
    {
      authorization: `Bearer ${token}`,
      'idempotency-key': key,
      'content-type': 'application/offset+octet-stream',
      'upload-length': String(file.length),
      'upload-sha256': digest,
      'upload-file-name': encodeURIComponent('Đơn đăng ký.pdf'),
      'upload-media-type': 'application/pdf',
    },
    body,
    true,
  );

describe('reference portal: creation with upload (one request per file)', () => {
  it('stores and verifies a whole file sent with its create; the same key again, as bytes or as JSON, is a replay', async () => {
    const p = await startPortal();
    const token = await p.enroll('K1');
    const file = randomBytes(300_000);
    const key = uuid();
    const first = await createWithBody(p, token, key, file);
    expect(first.status).toBe(201);
    expect(first.json).toMatchObject({ offset: file.length, length: file.length, state: 'complete' });
    const id = (first.json as { uploadId: string }).uploadId;
    expect(sha(readFileSync(uploadFile(p.portal.deps.uploadsDir, id)))).toBe(sha(file));
    const again = await createWithBody(p, token, key, file);
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect((again.json as { uploadId: string }).uploadId).toBe(id);
    const json = await p.call('POST', '/v1/uploads', { token, key, body: { length: file.length, sha256: sha(file), fileName: 'Đơn đăng ký.pdf', contentType: 'application/pdf' } });
    expect(json.headers.get('idempotent-replayed')).toBe('true');
    expect((json.json as { uploadId: string }).uploadId).toBe(id);
    const other = await p.call('POST', '/v1/uploads', { token, key, body: { length: file.length, sha256: sha(file), fileName: 'other.pdf', contentType: 'application/pdf' } });
    expect((other.json as { error: { code: string } }).error.code).toBe('idempotency_key_reused');
    const rows = p.portal.deps.db.prepare(`SELECT count(*) AS n FROM uploads`).get() as { n: number };
    expect(rows.n).toBe(1);
  });

  it('takes a first part with the create and the rest by PATCH from the offset it answers', async () => {
    const p = await startPortal();
    const token = await p.enroll('K1');
    const file = randomBytes(250_000);
    const first = await createWithBody(p, token, uuid(), file, file.subarray(0, 100_000));
    expect(first.json).toMatchObject({ offset: 100_000, state: 'partial' });
    const id = (first.json as { uploadId: string }).uploadId;
    const rest = await patch(p, token, id, 100_000, file.subarray(100_000));
    expect(rest.json).toMatchObject({ offset: file.length, state: 'complete' });
  });

  it('keeps what arrived before a dropped connection: the same key gives the upload and its offset', async () => {
    const p = await startPortal({ faults: [{ kind: 'drop-upload', after: 70_000, times: 1 }] });
    const token = await p.enroll('K1');
    const file = randomBytes(200_000);
    const key = uuid();
    await expect(createWithBody(p, token, key, file)).rejects.toThrow();
    const found = await p.call('POST', '/v1/uploads', { token, key, body: { length: file.length, sha256: sha(file), fileName: 'Đơn đăng ký.pdf', contentType: 'application/pdf' } });
    expect(found.json).toMatchObject({ offset: 70_000, state: 'partial' });
    const id = (found.json as { uploadId: string }).uploadId;
    expect((await patch(p, token, id, 70_000, file.subarray(70_000))).json).toMatchObject({ state: 'complete' });
    expect(sha(readFileSync(uploadFile(p.portal.deps.uploadsDir, id)))).toBe(sha(file));
  });

  it('refuses a wrong SHA-256 (422, nothing kept), bytes past the length (413), and missing facts (400, named)', async () => {
    const p = await startPortal();
    const token = await p.enroll('K1');
    const file = randomBytes(5_000);
    const wrong = await createWithBody(p, token, uuid(), file, file, sha(Buffer.from('other')));
    expect(wrong.status).toBe(422);
    expect((wrong.json as { error: { code: string } }).error.code).toBe('checksum_mismatch');
    const over = await createWithBody(p, token, uuid(), file, Buffer.concat([file, Buffer.alloc(1)]));
    expect(over.status).toBe(413);
    const bare = await send(
      p.url,
      'POST',
      '/v1/uploads',
      { authorization: `Bearer ${token}`, 'idempotency-key': uuid(), 'content-type': 'application/offset+octet-stream', 'upload-length': String(file.length) },
      file,
      true,
    );
    expect(bare.status).toBe(400);
    expect((bare.json as { error: { message: string } }).error.message).toContain('upload-sha256');
    const rows = p.portal.deps.db.prepare(`SELECT count(*) AS n FROM uploads`).get() as { n: number };
    expect(rows.n).toBe(0);
    expect(readdirSync(p.portal.deps.uploadsDir)).toEqual([]);
  });
});
