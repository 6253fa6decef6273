import { describe, expect, it } from 'vitest';
import { useCleanups } from '../fakes/cleanups';
import type { KioskCore } from '../../src-main/app/composition-root';
import { decodeVietQr } from '../../src-main/payment/vietqr';
import type { PaymentOffer, PaymentStatus, StartedPayment } from '../../src-shared/payment';
import type { SyncStatus } from '../../src-shared/sync';
import type { PortalServer } from '../../src-portal/portal-server';
import { call, startKioskCore, submitLandDossier, until } from './core-harness';
import { startPortal } from './harness';

/*
 * Fee payment end to end between a kiosk core and the reference portal on loopback: the payment
 * reaches the portal once (after its dossier), the portal's back office settles it through its
 * admin route, and the kiosk records the confirmation, on demand and in the upkeep round.
 */

const { cleanups, tempDir } = useCleanups('kiosk-payment-');

async function startCore(portalUrl: string, heartbeatSeconds: number): Promise<KioskCore> {
  const core = await startKioskCore(tempDir(), portalUrl, { heartbeatSeconds });
  cleanups.push(() => core.close());
  return core;
}

const portalPayments = (portal: PortalServer) =>
  portal.deps.db.prepare(`SELECT id, dossier_id, amount_vnd, state FROM payments`).all() as { id: string; dossier_id: string; amount_vnd: number; state: string }[];

/** The reference portal's back office: the bank statement showed the transfer (or did not). */
async function settle(portalUrl: string, paymentId: string, body: unknown): Promise<Response> {
  return fetch(`${portalUrl}/admin/payments/${paymentId}/settle`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
}

async function enrolledCore(heartbeatSeconds: number) {
  const { server, url } = await startPortal(tempDir());
  cleanups.push(() => server.close());
  const core = await startCore(url, heartbeatSeconds);
  await until('enrolled and online', async () => {
    const s = await call<SyncStatus>(core, 'getSyncStatus');
    return s.enrolled && s.state === 'online' ? s : undefined;
  });
  return { server, url, core };
}

describe('fee payment with the reference portal', () => {
  it('delivers the payment once after its dossier, and learns the confirmation when the citizen is watching', async () => {
    // One upkeep round at start only: what is learnt later is learnt on demand.
    const { server, url, core } = await enrolledCore(3600);
    const outcome = await submitLandDossier(core);
    const dossierId = outcome.receipt.dossierId;
    const offer = await call<PaymentOffer>(core, 'getPaymentOffer', { dossierId });
    expect(offer).toEqual({ method: 'qr', amountVnd: 250_000, payment: null });

    const started = await call<StartedPayment>(core, 'startPayment', { dossierId });
    const again = await call<StartedPayment>(core, 'startPayment', { dossierId });
    expect(again.paymentId).toBe(started.paymentId);
    expect(decodeVietQr(started.qrPayload)).toMatchObject({ crcValid: true, amountVnd: 250_000, purpose: outcome.receipt.code });

    const held = await until('the payment on the portal', () => {
      const rows = portalPayments(server);
      return rows.length > 0 ? rows : undefined;
    });
    expect(held).toEqual([{ id: started.paymentId, dossier_id: dossierId, amount_vnd: 250_000, state: 'pending' }]);
    await until('the payment job done', async () => ((await call<PaymentStatus>(core, 'getPaymentStatus', { paymentId: started.paymentId })).delivered ? true : undefined));
    expect(await call<PaymentStatus>(core, 'getPaymentStatus', { paymentId: started.paymentId })).toMatchObject({ state: 'pending', link: 'online', confirmedAt: null });

    const settled = await settle(url, started.paymentId, { state: 'confirmed' });
    expect(settled.status).toBe(200);
    const status = await call<PaymentStatus>(core, 'getPaymentStatus', { paymentId: started.paymentId });
    expect(status).toMatchObject({ state: 'confirmed', delivered: true });
    expect(status.confirmedAt).toBe(server.deps.db.prepare(`SELECT confirmed_at FROM payments`).pluck().get());
    expect(status.confirmedAtText).toMatch(/^\d{2}:\d{2} \d{2}\/\d{2}\/\d{4}$/);
    // Once on the portal, whatever the retries: one payment row, one dossier.
    expect(portalPayments(server)).toHaveLength(1);
    const sync = await call<SyncStatus>(core, 'getSyncStatus');
    // The payment never went before its dossier, so nothing failed on the way and the link stayed online.
    expect(sync).toMatchObject({ outboxDepth: 0, parked: 0, lastError: null, state: 'online' });

    // The lookup shows it.
    const found = await call<{ payment: PaymentStatus | null }>(core, 'lookupDossier', { code: outcome.receipt.code, idLast4: '2345' });
    expect(found.payment).toMatchObject({ paymentId: started.paymentId, state: 'confirmed' });
  }, 60_000);

  it('learns a confirmation (and a failure) in the upkeep round, with nobody watching the screen', async () => {
    const { server, url, core } = await enrolledCore(1);
    const first = await submitLandDossier(core);
    const second = await submitLandDossier(core);
    const paid = await call<StartedPayment>(core, 'startPayment', { dossierId: first.receipt.dossierId });
    const refused = await call<StartedPayment>(core, 'startPayment', { dossierId: second.receipt.dossierId });
    await until('both payments on the portal', () => (portalPayments(server).length === 2 ? true : undefined));
    expect((await settle(url, paid.paymentId, { state: 'confirmed' })).status).toBe(200);
    expect((await settle(url, refused.paymentId, { state: 'failed', reason: 'Không nhận được chuyển khoản' })).status).toBe(200);

    // getPaymentOffer reads the store only: what it shows, the upkeep round wrote.
    const state = async (dossierId: string) => (await call<PaymentOffer>(core, 'getPaymentOffer', { dossierId })).payment;
    await until('the confirmation recorded', async () => ((await state(first.receipt.dossierId))?.state === 'confirmed' ? true : undefined));
    await until('the failure recorded', async () => ((await state(second.receipt.dossierId)) === null ? true : undefined));
    const lookup = await call<{ payment: PaymentStatus | null }>(core, 'lookupDossier', { code: second.receipt.code, idLast4: '2345' });
    expect(lookup.payment).toMatchObject({ paymentId: refused.paymentId, state: 'failed', reason: 'Không nhận được chuyển khoản' });
    // After a failure the citizen may pay again: a new payment.
    const retried = await call<StartedPayment>(core, 'startPayment', { dossierId: second.receipt.dossierId });
    expect(retried.paymentId).not.toBe(refused.paymentId);
  }, 60_000);
});
