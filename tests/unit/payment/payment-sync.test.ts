import { describe, expect, it } from 'vitest';
import { getJobByKey } from '../../../src-main/outbox/outbox-repository';
import { getPayment } from '../../../src-main/payment/payment-repository';
import { createPaymentSyncHandler, refreshPaymentState } from '../../../src-main/sync/payment-delivery';
import { MemoryCredentialStore } from '../../fakes/memory-credential-store';
import type { JobOutcome } from '../../../src-main/outbox/job-outcome';
import { markDone } from '../../../src-main/outbox/outbox-repository';
import { PortalClient } from '../../../src-main/sync/portal-client';
import { useTempDirs } from '../../fakes/temp-dir';
import { paymentFixture } from './payment-fixture';

const tempDir = useTempDirs();

type Answer = { status: number; body?: unknown } | 'network';

/** A portal that answers from a script, and what the kiosk sent it. */
function scriptedPortal(answers: Answer[]) {
  const sent: { method: string; url: string; headers: Record<string, string>; body: unknown }[] = [];
  const fetchImpl: typeof fetch = async (input, init) => {
    const headers = Object.fromEntries(Object.entries((init?.headers ?? {}) as Record<string, string>));
    sent.push({ method: init?.method ?? 'GET', url: String(input), headers, body: typeof init?.body === 'string' ? (JSON.parse(init.body) as unknown) : null });
    const next = answers.shift();
    if (next === undefined) throw new Error('the script has no more answers');
    if (next === 'network') throw Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED', message: 'connect ECONNREFUSED' } });
    return new Response(next.body === undefined ? null : JSON.stringify(next.body), { status: next.status, headers: { 'content-type': 'application/json' } });
  };
  const client = new PortalClient({
    baseUrl: 'http://127.0.0.1:9',
    credentials: new MemoryCredentialStore('c'.repeat(43)),
    clock: { now: () => new Date('2026-11-23T02:20:00Z') },
    fetch: fetchImpl,
  });
  return { client, sent };
}

const error = (code: string, message = code) => ({ error: { code, message } });

async function setUp(answers: Answer[], dossierDelivered = true) {
  const f = await paymentFixture(tempDir());
  const started = f.payments.start(f.dossierId);
  if (dossierDelivered) markDone(f.db, getJobByKey(f.db, f.dossierId)?.id ?? -1, f.clock.now());
  const portal = scriptedPortal(answers);
  const deps = { db: f.db, client: portal.client, clock: f.clock };
  const handler = createPaymentSyncHandler(deps);
  const job = getJobByKey(f.db, started.paymentId);
  const attempt = (): Promise<JobOutcome> =>
    handler(
      { id: job?.id ?? -1, kind: 'submit-payment', subjectId: started.paymentId, idempotencyKey: started.paymentId, payload: { paymentId: started.paymentId }, attempts: 1 },
      new AbortController().signal,
    );
  return { f, started, portal, deps, attempt };
}

const payment = (id: string, dossierId: string, state: string, extra: Record<string, unknown> = {}) => ({ paymentId: id, dossierId, amountVnd: 250_000, state, ...extra });

describe('submit-payment outbox job', () => {
  it('waits for the dossier to reach the portal first, without asking the portal', async () => {
    const { portal, attempt } = await setUp([], false);
    expect(await attempt()).toMatchObject({ kind: 'retry', linkDown: false, error: expect.stringMatching(/waits for dossier/) });
    expect(portal.sent).toEqual([]);
  });

  it('POSTs the payment with its id as Idempotency-Key and finishes; the portal’s state is recorded with the job', async () => {
    const answers: Answer[] = [];
    const { f, started, portal, attempt } = await setUp(answers);
    answers.push({ status: 201, body: payment(started.paymentId, f.dossierId, 'confirmed', { confirmedAt: '2026-11-23T02:19:00.000Z' }) });
    const outcome = await attempt();
    expect(portal.sent).toEqual([
      {
        method: 'POST',
        url: 'http://127.0.0.1:9/v1/payments',
        headers: expect.objectContaining({ 'idempotency-key': started.paymentId, 'content-type': 'application/json' }),
        body: { paymentId: started.paymentId, dossierId: f.dossierId, amountVnd: 250_000, method: 'vietqr', reference: f.code, createdAt: '2026-11-23T02:15:00.000Z' },
      },
    ]);
    expect(outcome.kind).toBe('finished');
    // Written by the worker together with the row's "done", not before.
    expect(getPayment(f.db, started.paymentId)?.state).toBe('pending');
    if (outcome.kind === 'finished') outcome.commit?.();
    expect(getPayment(f.db, started.paymentId)).toMatchObject({ state: 'confirmed', confirmed_at: '2026-11-23T02:19:00.000Z' });
  });

  it.each<[string, Answer, Partial<JobOutcome>]>([
    ['404 (the portal does not know the dossier yet): later', { status: 404, body: error('not_found') }, { kind: 'retry' }],
    ['409 (the dossier has not reached the portal yet): later', { status: 409, body: error('conflict') }, { kind: 'retry' }],
    ['500: later', { status: 500, body: error('internal') }, { kind: 'retry' }],
    ['429: slower', { status: 429, body: error('rate_limited') }, { kind: 'rate-limited' }],
    ['no answer: the link is down', 'network', { kind: 'retry', linkDown: true } as Partial<JobOutcome>],
    ['400 validation: parked with the reason', { status: 400, body: error('invalid_request', 'amountVnd: must be >= 1') }, { kind: 'failed' }],
    ['422: parked with the reason', { status: 422, body: error('idempotency_key_reused') }, { kind: 'failed' }],
  ])('%s', async (_name, answer, expected) => {
    const { f, started, attempt } = await setUp([answer]);
    const outcome = await attempt();
    expect(outcome).toMatchObject(expected);
    if (outcome.kind === 'failed') expect(outcome.reason).toMatch(/create payment: HTTP \d{3}/);
    expect(getPayment(f.db, started.paymentId)?.state).toBe('pending');
  });

  it('parks a job whose payment row is gone', async () => {
    const { f, started, attempt } = await setUp([]);
    f.db.prepare(`DELETE FROM payments WHERE id = ?`).run(started.paymentId);
    expect(await attempt()).toMatchObject({ kind: 'failed', reason: expect.stringMatching(/not in the local store/) });
  });
});

describe('payment confirmation downstream', () => {
  it('asks nothing before the portal holds the payment; then records confirmed; a 404 changes nothing', async () => {
    const { f, started, deps } = await setUp([]);
    const signal = new AbortController().signal;
    const quiet = scriptedPortal([]);
    expect(await refreshPaymentState({ ...deps, client: quiet.client }, started.paymentId, signal)).toBe('pending');
    expect(quiet.sent).toEqual([]);

    markDone(f.db, getJobByKey(f.db, started.paymentId)?.id ?? -1, f.clock.now());
    const gone = scriptedPortal([{ status: 404, body: error('not_found') }]);
    expect(await refreshPaymentState({ ...deps, client: gone.client }, started.paymentId, signal)).toBe('pending');
    expect(gone.sent.map((s) => `${s.method} ${s.url}`)).toEqual([`GET http://127.0.0.1:9/v1/payments/${started.paymentId}`]);

    const paid = scriptedPortal([{ status: 200, body: payment(started.paymentId, f.dossierId, 'confirmed', { confirmedAt: '2026-11-23T02:25:00.000Z' }) }]);
    expect(await refreshPaymentState({ ...deps, client: paid.client }, started.paymentId, signal)).toBe('confirmed');
    expect(getPayment(f.db, started.paymentId)).toMatchObject({ state: 'confirmed', confirmed_at: '2026-11-23T02:25:00.000Z' });
    // Final: not asked again.
    const after = scriptedPortal([]);
    expect(await refreshPaymentState({ ...deps, client: after.client }, started.paymentId, signal)).toBe('confirmed');
    expect(after.sent).toEqual([]);
  });

  it('records a failure with the portal’s reason; a 500 is thrown for the sync to report', async () => {
    const { f, started, deps } = await setUp([]);
    markDone(f.db, getJobByKey(f.db, started.paymentId)?.id ?? -1, f.clock.now());
    const signal = new AbortController().signal;
    const broken = scriptedPortal([{ status: 500, body: error('internal') }]);
    await expect(refreshPaymentState({ ...deps, client: broken.client }, started.paymentId, signal)).rejects.toThrow(/HTTP 500/);
    const refused = scriptedPortal([{ status: 200, body: payment(started.paymentId, f.dossierId, 'failed', { reason: 'Chuyển khoản sai số tiền' }) }]);
    expect(await refreshPaymentState({ ...deps, client: refused.client }, started.paymentId, signal)).toBe('failed');
    expect(getPayment(f.db, started.paymentId)).toMatchObject({ state: 'failed', reason: 'Chuyển khoản sai số tiền', confirmed_at: null });
  });
});
