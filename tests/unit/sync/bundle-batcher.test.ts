import { describe, expect, it } from 'vitest';
import { BundleBatcher, type BundleTransport } from '../../../src-main/sync/bundle-batcher';
import { BundleSourceFailed } from '../../../src-main/sync/multipart-body';
import type { BatchOutcome, BundleToSend } from '../../../src-main/sync/portal-client';
import { PortalError } from '../../../src-main/sync/portal-error';
import type { DossierReceipt } from '../../../src-main/sync/portal-schemas';

/*
 * The batcher's rules, with a transport whose answers the test releases one by one: what goes
 * alone, what goes together, and what each dossier gets back. The wire itself (a real portal)
 * is covered by tests/sync/dossier-batch.test.ts, the fault matrix and the sync chaos test.
 */

const bundleOf = (id: string, bytes = 100): BundleToSend => ({
  manifest: {
    dossier: { dossierId: id, files: [] } as unknown as BundleToSend['manifest']['dossier'],
    files: [{ documentId: 'doc', fileName: `${id}.pdf`, sha256: id.padEnd(64, '0'), length: bytes, contentType: 'application/pdf' }],
  },
  files: [{ byteLength: bytes, fill: () => undefined }],
});

const receiptOf = (id: string): DossierReceipt => ({ dossierId: id, code: 'G01.01-261123-0001', codeSource: 'assigned', status: 1, receivedAt: '2026-11-23T03:00:00Z' });

interface Call {
  ids: string[];
  batch: boolean;
  answer: (how: BatchOutcome[] | Error) => void;
}

/** A transport that records each request and answers when the test says. */
function heldTransport() {
  const calls: Call[] = [];
  const transport: BundleTransport = {
    submitDossierBundle: (bundle) =>
      new Promise<DossierReceipt>((resolve, reject) => {
        const id = bundle.manifest.dossier.dossierId;
        calls.push({
          ids: [id],
          batch: false,
          answer: (how) => {
            if (how instanceof Error) reject(how);
            else {
              const [first] = how;
              if (first?.ok) resolve(first.receipt);
              else reject(first?.error ?? new Error('no answer'));
            }
          },
        });
      }),
    submitDossierBatch: (bundles) =>
      new Promise<BatchOutcome[]>((resolve, reject) => {
        calls.push({ ids: bundles.map((b) => b.manifest.dossier.dossierId), batch: true, answer: (how) => (how instanceof Error ? reject(how) : resolve(how)) });
      }),
  };
  return { transport, calls };
}

const ok = (...ids: string[]): BatchOutcome[] => ids.map((id) => ({ ok: true, receipt: receiptOf(id) }));
const tick = () => new Promise((r) => setTimeout(r, 0));
const settled = <T,>(p: Promise<T>) => p.then((value) => ({ value }), (error: unknown) => ({ error }));

/** One request place and `ids` sent at once: the first goes alone and is answered, the others wait together. */
async function firstAloneThenWaiting(ids: string[]) {
  const { transport, calls } = heldTransport();
  const batcher = new BundleBatcher(transport, { requestsInFlight: 1, maxDossiers: 32, maxBytes: 10_000 });
  const signal = new AbortController().signal;
  const results = ids.map((id) => settled(batcher.send(bundleOf(id), signal)));
  calls[0]?.answer(ok(ids[0] ?? ''));
  await tick();
  return { batcher, calls, signal, results };
}

describe('BundleBatcher', () => {
  it('sends a bundle at once and alone while a request place is free', async () => {
    const { transport, calls } = heldTransport();
    const batcher = new BundleBatcher(transport, { requestsInFlight: 2, maxDossiers: 32, maxBytes: 10_000 });
    const signal = new AbortController().signal;
    const a = batcher.send(bundleOf('a'), signal);
    const b = batcher.send(bundleOf('b'), signal);
    expect(calls.map((c) => [c.batch, c.ids])).toEqual([
      [false, ['a']],
      [false, ['b']],
    ]);
    calls[0]?.answer(ok('a'));
    calls[1]?.answer(ok('b'));
    expect((await a).dossierId).toBe('a');
    expect((await b).dossierId).toBe('b');
  });

  it('sends the bundles that waited for a place together, each with its own receipt or refusal', async () => {
    const { transport, calls } = heldTransport();
    const batcher = new BundleBatcher(transport, { requestsInFlight: 1, maxDossiers: 32, maxBytes: 10_000 });
    const signal = new AbortController().signal;
    const first = batcher.send(bundleOf('a'), signal);
    const waiting = ['b', 'c', 'd'].map((id) => settled(batcher.send(bundleOf(id), signal)));
    expect(calls).toHaveLength(1);
    calls[0]?.answer(ok('a'));
    await first;
    await tick();
    expect(calls.map((c) => [c.batch, c.ids])).toEqual([
      [false, ['a']],
      [true, ['b', 'c', 'd']],
    ]);
    const refused = new PortalError('rejected', 'checksum', 422, 'checksum_mismatch');
    calls[1]?.answer([{ ok: true, receipt: receiptOf('b') }, { ok: false, error: refused }, { ok: true, receipt: receiptOf('d') }]);
    const [b, c, d] = await Promise.all(waiting);
    expect(b).toEqual({ value: receiptOf('b') });
    expect(c).toEqual({ error: refused });
    expect(d).toEqual({ value: receiptOf('d') });
  });

  it('keeps a batch within its count and its bytes; the rest wait for the next place', async () => {
    const { transport, calls } = heldTransport();
    const batcher = new BundleBatcher(transport, { requestsInFlight: 1, maxDossiers: 2, maxBytes: 250 });
    const signal = new AbortController().signal;
    const all = [batcher.send(bundleOf('a'), signal), batcher.send(bundleOf('b'), signal), batcher.send(bundleOf('c'), signal), batcher.send(bundleOf('big', 200), signal), batcher.send(bundleOf('e'), signal)];
    calls[0]?.answer(ok('a'));
    await tick();
    // b and c fill the count; big (200 bytes) would pass 250 with e.
    expect(calls[1]?.ids).toEqual(['b', 'c']);
    calls[1]?.answer(ok('b', 'c'));
    await tick();
    expect(calls[2]?.ids).toEqual(['big']);
    calls[2]?.answer(ok('big'));
    await tick();
    expect(calls[3]?.ids).toEqual(['e']);
    calls[3]?.answer(ok('e'));
    expect((await Promise.all(all)).map((r) => r.dossierId)).toEqual(['a', 'b', 'c', 'big', 'e']);
  });

  it('falls back to single bundles for good when the portal has no batches (404)', async () => {
    const { batcher, calls, signal, results: all } = await firstAloneThenWaiting(['a', 'b', 'c']);
    expect(calls[1]?.ids).toEqual(['b', 'c']);
    calls[1]?.answer(new PortalError('rejected', 'not found', 404, 'not_found'));
    await tick();
    expect(calls[2]).toMatchObject({ batch: false, ids: ['b'] });
    const later = [batcher.send(bundleOf('d'), signal), batcher.send(bundleOf('e'), signal)];
    calls[2]?.answer(ok('b'));
    for (const id of ['c', 'd', 'e']) {
      await tick();
      const call = calls.at(-1);
      expect(call).toMatchObject({ batch: false, ids: [id] });
      call?.answer(ok(id));
    }
    expect((await Promise.all(all)).map((r) => ('value' in r ? r.value.dossierId : r.error))).toEqual(['a', 'b', 'c']);
    expect((await Promise.all(later)).map((r) => r.dossierId)).toEqual(['d', 'e']);
  });

  it('sends again one by one a batch refused as a whole, so the refusal lands on the dossier that caused it', async () => {
    const { batcher, calls, signal, results: all } = await firstAloneThenWaiting(['a', 'b', 'c']);
    calls[1]?.answer(new PortalError('rejected', 'bad manifest', 400, 'invalid_request'));
    await tick();
    const bad = new PortalError('rejected', 'bad manifest', 400, 'invalid_request');
    expect(calls[2]).toMatchObject({ batch: false, ids: ['b'] });
    calls[2]?.answer([{ ok: false, error: bad }]);
    await tick();
    expect(calls[3]).toMatchObject({ batch: false, ids: ['c'] });
    calls[3]?.answer(ok('c'));
    const [, b, c] = await Promise.all(all);
    expect(b).toEqual({ error: bad });
    expect(c).toEqual({ value: receiptOf('c') });
    // Batches go on for the bundles that come next.
    const next = ['d', 'e', 'f'].map((id) => batcher.send(bundleOf(id), signal));
    calls[4]?.answer(ok('d'));
    await tick();
    expect(calls[5]).toMatchObject({ batch: true, ids: ['e', 'f'] });
    calls[5]?.answer(ok('e', 'f'));
    await Promise.all(next);
  });

  it("gives every dossier of a batch the batch's failure on the way (the outbox retries each)", async () => {
    const { calls, results: all } = await firstAloneThenWaiting(['a', 'b', 'c']);
    const down = new PortalError('unreachable', 'connection reset');
    calls[1]?.answer(down);
    const [, b, c] = await Promise.all(all);
    expect(b).toEqual({ error: down });
    expect(c).toEqual({ error: down });
    expect(calls).toHaveLength(2);
  });

  it('gives a file that cannot be read to its own dossier only, and sends the others', async () => {
    const { calls, results: all } = await firstAloneThenWaiting(['a', 'b', 'c', 'd']);
    const changed = new Error('stored file changed size');
    calls[1]?.answer(new BundleSourceFailed(1, changed));
    await tick();
    expect(calls[2]).toMatchObject({ batch: true, ids: ['b', 'd'] });
    calls[2]?.answer(ok('b', 'd'));
    const [, b, c, d] = await Promise.all(all);
    expect(c).toEqual({ error: changed });
    expect([b, d]).toEqual([{ value: receiptOf('b') }, { value: receiptOf('d') }]);
  });

  it('lets a bundle whose signal aborts while it waits leave without being sent', async () => {
    const { transport, calls } = heldTransport();
    const batcher = new BundleBatcher(transport, { requestsInFlight: 1, maxDossiers: 32, maxBytes: 10_000 });
    const stop = new AbortController();
    const a = batcher.send(bundleOf('a'), new AbortController().signal);
    const b = settled(batcher.send(bundleOf('b'), stop.signal));
    const c = batcher.send(bundleOf('c'), new AbortController().signal);
    stop.abort(new Error('shutting down'));
    expect(await b).toMatchObject({ error: { message: 'shutting down' } });
    calls[0]?.answer(ok('a'));
    await a;
    await tick();
    expect(calls[1]).toMatchObject({ batch: false, ids: ['c'] });
    calls[1]?.answer(ok('c'));
    await c;
    await expect(batcher.send(bundleOf('d'), stop.signal)).rejects.toThrow('shutting down');
  });
});
