import { describe, expect, it } from 'vitest';
import { today, usePortals, uuid } from './harness';

const startPortal = usePortals();

describe('reference portal: the Kiosk Sync API', () => {
  it('enrolls a terminal with the demo token and refuses bad tokens and unknown credentials', async () => {
    const p = await startPortal();
    const bad = await p.call('POST', '/v1/enrollments', { body: { enrollmentToken: 'wrong-token-123', terminalId: 'K1', appVersion: '1' } });
    expect(bad.status).toBe(401);
    const first = await p.enroll('KIOSK-01');
    const second = await p.enroll('KIOSK-02');
    expect(first).not.toBe(second);
    const unknown = await p.call('GET', '/v1/catalog', { token: 'not-a-credential-of-anyone' });
    expect(unknown.status).toBe(401);
    expect((unknown.json as { error: { code: string } }).error.code).toBe('unauthorized');
    const none = await p.call('GET', '/v1/catalog');
    expect(none.status).toBe(401);
    // Re-enrolling rotates the credential: the old one stops working.
    const rotated = await p.enroll('KIOSK-01');
    expect((await p.call('GET', '/v1/catalog', { token: first })).status).toBe(401);
    expect((await p.call('GET', '/v1/catalog', { token: rotated })).status).toBe(200);
  });

  it('serves the catalog with an ETag and answers 304 to If-None-Match', async () => {
    const p = await startPortal();
    const token = await p.enroll('K1');
    const full = await p.call('GET', '/v1/catalog', { token });
    expect(full.status).toBe(200);
    const etag = full.headers.get('etag') ?? '';
    expect((full.json as { procedures: unknown[] }).procedures.length).toBeGreaterThan(10);
    const same = await p.call('GET', '/v1/catalog', { token, headers: { 'if-none-match': etag } });
    expect(same.status).toBe(304);
    expect(same.text).toBe('');
    const published = await p.admin('PUT', '/admin/catalog', { schemaVersion: 1, version: 'next', procedures: [] });
    expect(published.status).toBe(200);
    const changed = await p.call('GET', '/v1/catalog', { token, headers: { 'if-none-match': etag } });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).not.toBe(etag);
  });

  it('reserves disjoint blocks of official codes per terminal and refuses days far from today', async () => {
    const p = await startPortal();
    const a = await p.enroll('A');
    const b = await p.enroll('B');
    const day = today();
    const ra = await p.call('POST', '/v1/dossier-code-blocks', { token: a, key: uuid(), body: { day, count: 5 } });
    const rb = await p.call('POST', '/v1/dossier-code-blocks', { token: b, key: uuid(), body: { day, count: 5 } });
    const codes = [...(ra.json as { codes: string[] }).codes, ...(rb.json as { codes: string[] }).codes];
    expect(new Set(codes).size).toBe(10);
    const yymmdd = day.slice(2).replaceAll('-', '');
    expect(codes[0]).toBe(`000.00.12.H29-${yymmdd}-0001`);
    const far = await p.call('POST', '/v1/dossier-code-blocks', { token: a, key: uuid(), body: { day: '2001-01-01', count: 5 } });
    expect(far.status).toBe(422);
    expect((far.json as { error: { code: string } }).error.code).toBe('invalid_day');
  });

  it('numbers queue tickets across terminals from one counter, blocks included, without duplicates', async () => {
    const p = await startPortal();
    const a = await p.enroll('A');
    const b = await p.enroll('B');
    const day = today();
    const ticket = (token: string, number?: number) => {
      const id = uuid();
      return p.call('POST', '/v1/queue-tickets', {
        token,
        key: id,
        body: { ticketId: id, serviceId: 'HT', day, priority: 'none', issuedAt: new Date().toISOString(), ...(number ? { number } : {}) },
      });
    };
    const block = await p.call('POST', '/v1/queue-number-blocks', { token: a, key: uuid(), body: { serviceId: 'HT', day, count: 10 } });
    const { first, last } = block.json as { first: number; last: number };
    expect(last - first).toBe(9);
    const numbers: number[] = [];
    for (let i = 0; i < 6; i += 1) numbers.push(((await ticket(i % 2 ? a : b)).json as { number: number }).number);
    const offline = await ticket(a, first + 3);
    expect(offline.status).toBe(201);
    expect((offline.json as { source: string }).source).toBe('block');
    numbers.push(first + 3);
    expect(new Set(numbers).size).toBe(numbers.length);
    expect(numbers.some((n) => n >= first && n <= last && n !== first + 3)).toBe(false);
    // B may not use A's block, and A may not use a number twice.
    expect((await ticket(b, first + 4)).status).toBe(409);
    const twice = await ticket(a, first + 3);
    expect(twice.status).toBe(409);
    expect((twice.json as { error: { code: string } }).error.code).toBe('number_conflict');
  });

  it('replays a dossier submit with the same key and refuses the key with another body', async () => {
    const p = await startPortal();
    const token = await p.enroll('K1');
    const dossierId = uuid();
    const body = {
      dossierId,
      provisionalCode: 'TAM-K1-0001',
      procedureCode: '1.012783',
      receivedAt: new Date().toISOString(),
      receivedDay: today(),
      channel: 1,
      applicant: { kind: 1, name: 'Nguyễn Văn A', idNumber: '001099012345' },
      formData: { hoTen: 'Nguyễn Văn A' },
      files: [],
    };
    const first = await p.call('POST', '/v1/dossiers', { token, key: dossierId, body });
    expect(first.status).toBe(201);
    expect(first.json).toMatchObject({ dossierId, codeSource: 'assigned', provisionalCode: 'TAM-K1-0001', status: 1 });
    const replay = await p.call('POST', '/v1/dossiers', { token, key: dossierId, body });
    expect(replay.status).toBe(201);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.json).toEqual(first.json);
    const reused = await p.call('POST', '/v1/dossiers', { token, key: dossierId, body: { ...body, formData: { hoTen: 'B' } } });
    expect(reused.status).toBe(422);
    expect((reused.json as { error: { code: string } }).error.code).toBe('idempotency_key_reused');
    const state = await p.admin('GET', '/admin/state');
    expect((state.json as { dossiers: unknown[] }).dossiers).toHaveLength(1);
  });

  it('uses a reserved code once, only by its terminal, and keeps dossiers private to their terminal', async () => {
    const p = await startPortal();
    const a = await p.enroll('A');
    const b = await p.enroll('B');
    const day = today();
    const block = await p.call('POST', '/v1/dossier-code-blocks', { token: a, key: uuid(), body: { day, count: 2 } });
    const [code] = (block.json as { codes: string[] }).codes;
    const submission = (id: string, c: string | undefined) => ({
      dossierId: id,
      ...(c ? { code: c } : { provisionalCode: 'P-1' }),
      procedureCode: '1.012783',
      receivedAt: new Date().toISOString(),
      receivedDay: day,
      channel: 1,
      applicant: { kind: 1, name: 'Trần Thị B', idNumber: '001099012346' },
      formData: {},
      files: [],
    });
    const byB = uuid();
    expect((await p.call('POST', '/v1/dossiers', { token: b, key: byB, body: submission(byB, code) })).status).toBe(409);
    const id = uuid();
    const ok = await p.call('POST', '/v1/dossiers', { token: a, key: id, body: submission(id, code) });
    expect(ok.json).toMatchObject({ code, codeSource: 'reserved' });
    const again = uuid();
    const reused = await p.call('POST', '/v1/dossiers', { token: a, key: again, body: submission(again, code) });
    expect((reused.json as { error: { code: string } }).error.code).toBe('code_conflict');

    expect((await p.call('GET', `/v1/dossiers/${id}`, { token: a })).status).toBe(200);
    const other = await p.call('GET', `/v1/dossiers/${id}`, { token: b });
    expect(other.status).toBe(404);
    expect((await p.call('GET', `/v1/dossiers?code=${encodeURIComponent(code ?? '')}`, { token: b })).json).toEqual({ items: [] });

    expect((await p.admin('POST', `/admin/dossiers/${id}/status`, { status: 2, note: 'Đã tiếp nhận' })).status).toBe(200);
    const status = await p.call('GET', `/v1/dossiers/${id}`, { token: a });
    expect((status.json as { history: { status: number }[] }).history.map((h) => h.status)).toEqual([1, 2]);
    const listed = await p.call('GET', `/v1/dossiers?code=${encodeURIComponent(code ?? '')}`, { token: a });
    expect((listed.json as { items: { status: number }[] }).items.map((d) => d.status)).toEqual([2]);
  });

  it('records ratings, payments with their confirmation, and heartbeats shown to admins', async () => {
    const p = await startPortal();
    const token = await p.enroll('K1');
    const dossierId = uuid();
    const paymentId = uuid();
    const payment = { paymentId, dossierId, amountVnd: 50000, method: 'vietqr', createdAt: new Date().toISOString() };
    // The payment may overtake its dossier in the outbox: 409 (later), not 404 (never).
    expect((await p.call('POST', '/v1/payments', { token, key: paymentId, body: payment })).status).toBe(409);
    await p.call('POST', '/v1/dossiers', {
      token,
      key: dossierId,
      body: {
        dossierId,
        provisionalCode: 'P-9',
        procedureCode: '1.012783',
        receivedAt: new Date().toISOString(),
        receivedDay: today(),
        channel: 1,
        applicant: { kind: 1, name: 'Lê C', idNumber: '001099012347' },
        formData: {},
        files: [],
      },
    });
    expect((await p.call('POST', '/v1/payments', { token, key: paymentId, body: payment })).json).toMatchObject({ state: 'pending' });
    await p.admin('POST', `/admin/payments/${paymentId}/settle`, { state: 'confirmed' });
    expect((await p.call('GET', `/v1/payments/${paymentId}`, { token })).json).toMatchObject({ state: 'confirmed' });
    const ratingId = uuid();
    const rating = await p.call('POST', '/v1/ratings', {
      token,
      key: ratingId,
      body: { ratingId, dossierId, ratedAt: new Date().toISOString(), overall: 'satisfied', indices: [{ code: 'thoi-gian', score: 2 }] },
    });
    expect(rating.status).toBe(201);
    const hb = await p.call('POST', '/v1/heartbeats', {
      token,
      body: { appVersion: '0.2.0', sentAt: new Date().toISOString(), devices: [{ device: 'printer', state: 'degraded', reason: 'paper low' }], outbox: { depth: 4 } },
    });
    expect(hb.status).toBe(200);
    const page = await p.admin('GET', '/admin');
    expect(page.text).toContain('printer: degraded');
    expect(page.text).toContain('0.2.0');
  });

  it('answers invalid requests with 400 and the offending fields', async () => {
    const p = await startPortal();
    const token = await p.enroll('K1');
    const r = await fetch(`${p.url}/v1/dossier-code-blocks`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': uuid() },
      body: JSON.stringify({ day: 'tomorrow', count: 0 }),
    });
    const body = (await r.json()) as { error: { code: string; details: { errors: string[] } } };
    expect(r.status).toBe(400);
    expect(body.error.details.errors.join(' ')).toMatch(/day/);
    expect(body.error.details.errors.join(' ')).toMatch(/count/);
    const noKey = await fetch(`${p.url}/v1/dossier-code-blocks`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ day: today(), count: 1 }),
    });
    expect(noKey.status).toBe(400);
    const broken = await fetch(`${p.url}/v1/heartbeats`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: '{"a":' });
    expect(broken.status).toBe(400);
  });
});
