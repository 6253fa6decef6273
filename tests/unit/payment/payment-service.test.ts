import { describe, expect, it } from 'vitest';
import { KioskError } from '../../../src-main/kernel/kiosk-error';
import { getJobByKey, HELD as WAITING_FOR_DOSSIER, markDone } from '../../../src-main/outbox/outbox-repository';
import { applyPortalPayment, getPayment, latestPaymentOf } from '../../../src-main/payment/payment-repository';
import { paymentsToCheck as pendingToCheck } from '../../../src-main/sync/payment-delivery';
import { decodeVietQr } from '../../../src-main/payment/vietqr';
import { useTempDirs } from '../../fakes/temp-dir';
import { paymentFixture } from './payment-fixture';

const tempDir = useTempDirs();

describe('payment service', () => {
  it('offers the procedure fees from the catalog and a QR naming the center account, the amount and the dossier code', async () => {
    const f = await paymentFixture(tempDir());
    expect(f.payments.offer(f.dossierId)).toEqual({ method: 'qr', amountVnd: 250_000, payment: null });

    const started = f.payments.start(f.dossierId);
    expect(started).toMatchObject({
      state: 'pending',
      amountVnd: 250_000,
      reference: f.code,
      accountName: 'TRUNG TAM PVHCC TINH (DEMO)',
      accountNumber: 'DEMO0000000001',
      bankName: 'Vietcombank (DEMO)',
      confirmedAt: null,
      delivered: false,
      link: 'online',
    });
    expect(decodeVietQr(started.qrPayload)).toEqual({
      crcValid: true,
      dynamic: true,
      bankBin: '970436',
      accountNumber: 'DEMO0000000001',
      service: 'QRIBFTTA',
      currency: '704',
      amountVnd: 250_000,
      country: 'VN',
      purpose: f.code,
    });
    // The payment and its outbox job were written together, and the sync was told.
    expect(getJobByKey(f.db, started.paymentId)).toMatchObject({ kind: 'submit-payment', subject_id: started.paymentId, state: 'pending' });
    expect(f.calls.wake).toBe(1);
    expect(f.db.prepare(`SELECT action FROM audit_log WHERE subject = ?`).pluck().all(started.paymentId)).toEqual(['payment.start']);
    expect(f.payments.offer(f.dossierId).payment?.paymentId).toBe(started.paymentId);
  });

  it('keeps the payment job from being tried before its dossier is delivered; the dossier’s "done" makes it due', async () => {
    const f = await paymentFixture(tempDir());
    const started = f.payments.start(f.dossierId);
    expect(getJobByKey(f.db, started.paymentId)?.next_attempt_at).toBe(WAITING_FOR_DOSSIER);
    f.clock.advance(5_000);
    markDone(f.db, getJobByKey(f.db, f.dossierId)?.id ?? -1, f.clock.now());
    expect(getJobByKey(f.db, started.paymentId)).toMatchObject({ state: 'pending', next_attempt_at: f.clock.now().toISOString() });

    // A dossier already on the portal: the payment is due at once.
    applyPortalPayment(f.db, started.paymentId, { state: 'failed' }, f.clock.now());
    const next = f.payments.start(f.dossierId);
    expect(getJobByKey(f.db, next.paymentId)?.next_attempt_at).toBe(f.clock.now().toISOString());
  });

  it('starting twice gives the same pending payment and one outbox job; after a failure a new one', async () => {
    const f = await paymentFixture(tempDir());
    const first = f.payments.start(f.dossierId);
    const again = f.payments.start(f.dossierId);
    expect(again.paymentId).toBe(first.paymentId);
    expect(again.qrPayload).toBe(first.qrPayload);
    expect(f.db.prepare(`SELECT count(*) FROM outbox_jobs WHERE kind = 'submit-payment'`).pluck().get()).toBe(1);
    expect(f.calls.wake).toBe(1);

    applyPortalPayment(f.db, first.paymentId, { state: 'failed', reason: 'Hết hạn' }, f.clock.now());
    const next = f.payments.start(f.dossierId);
    expect(next.paymentId).not.toBe(first.paymentId);
    expect(next.state).toBe('pending');
    expect(f.db.prepare(`SELECT count(*) FROM payments WHERE dossier_id = ?`).pluck().get(f.dossierId)).toBe(2);
  });

  it('asks the portal while a payment is pending, and not once it is confirmed', async () => {
    const f = await paymentFixture(tempDir());
    const started = f.payments.start(f.dossierId);
    expect((await f.payments.status(started.paymentId)).state).toBe('pending');
    expect(f.calls.refresh).toEqual([started.paymentId]);

    markDone(f.db, getJobByKey(f.db, started.paymentId)?.id ?? -1, f.clock.now());
    applyPortalPayment(f.db, started.paymentId, { state: 'confirmed', confirmedAt: '2026-11-23T02:30:00.000Z' }, f.clock.now());
    const status = await f.payments.status(started.paymentId);
    expect(status).toMatchObject({ state: 'confirmed', confirmedAt: '2026-11-23T02:30:00.000Z', confirmedAtText: '09:30 23/11/2026', delivered: true });
    expect(f.calls.refresh).toHaveLength(1);
    // Confirmed is final: a later "pending" or "failed" from anywhere does not undo it.
    expect(applyPortalPayment(f.db, started.paymentId, { state: 'failed' }, f.clock.now())).toBe(false);
    expect(getPayment(f.db, started.paymentId)?.state).toBe('confirmed');
    // Starting again shows the confirmed payment, not a new one.
    expect(f.payments.start(f.dossierId)).toMatchObject({ paymentId: started.paymentId, state: 'confirmed' });
    // The lookup sees it by either code.
    expect(f.payments.forCode(f.code.toLowerCase())).toMatchObject({ paymentId: started.paymentId, state: 'confirmed' });
  });

  it('says the link is down so the screen can tell the citizen the confirmation will come later', async () => {
    const f = await paymentFixture(tempDir());
    f.setLink('offline');
    const started = f.payments.start(f.dossierId);
    expect(started.link).toBe('offline');
    expect((await f.payments.status(started.paymentId)).link).toBe('offline');
  });

  it('without a receiving account: the fee is to be paid at the counter and no payment can start', async () => {
    const f = await paymentFixture(tempDir(), { config: { payment: { vietqr: null } } });
    expect(f.payments.offer(f.dossierId)).toEqual({ method: 'counter', amountVnd: 250_000, payment: null });
    expect(() => f.payments.start(f.dossierId)).toThrow(KioskError);
    expect(f.db.prepare(`SELECT count(*) FROM payments`).pluck().get()).toBe(0);
  });

  it('a procedure without fee offers nothing and refuses to start; an unknown dossier or payment is not found', async () => {
    const f = await paymentFixture(tempDir());
    f.db.prepare(`UPDATE procedures SET data = json_set(data, '$.fees', json('[]')) WHERE code = (SELECT procedure_code FROM dossiers WHERE id = ?)`).run(f.dossierId);
    expect(f.payments.offer(f.dossierId)).toEqual({ method: 'none', amountVnd: 0, payment: null });
    expect(() => f.payments.start(f.dossierId)).toThrow(/no fee/);
    const unknown = '00000000-0000-4000-8000-000000000000';
    expect(() => f.payments.offer(unknown)).toThrow(expect.objectContaining({ code: 'not_found' }));
    await expect(f.payments.status(unknown)).rejects.toMatchObject({ code: 'not_found' });
  });
});

describe('payment repository', () => {
  it('checks only delivered pending payments of the watch window, the longest unchecked first', async () => {
    const f = await paymentFixture(tempDir());
    const p = f.payments.start(f.dossierId);
    const since = new Date(f.clock.now().getTime() - 86_400_000);
    expect(pendingToCheck(f.db, since, 10)).toEqual([]);
    markDone(f.db, getJobByKey(f.db, p.paymentId)?.id ?? -1, f.clock.now());
    expect(pendingToCheck(f.db, since, 10)).toEqual([p.paymentId]);
    expect(pendingToCheck(f.db, new Date(f.clock.now().getTime() + 1), 10)).toEqual([]);
    applyPortalPayment(f.db, p.paymentId, { state: 'pending' }, f.clock.now());
    expect(getPayment(f.db, p.paymentId)?.checked_at).toBe(f.clock.now().toISOString());
    applyPortalPayment(f.db, p.paymentId, { state: 'confirmed' }, f.clock.now());
    expect(pendingToCheck(f.db, since, 10)).toEqual([]);
    // Confirmed without a time from the portal: the time it was learnt.
    expect(latestPaymentOf(f.db, f.dossierId)).toMatchObject({ state: 'confirmed', confirmed_at: f.clock.now().toISOString() });
  });
});
