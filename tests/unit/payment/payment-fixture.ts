import { randomUUID } from 'node:crypto';
import type { PaymentLink } from '../../../src-main/payment/payment-service';
import { PaymentService } from '../../../src-main/payment/payment-service';
import type { LinkStateDto } from '../../../src-shared/sync';
import { dossierFixture, LAND, landDraft, pagePng } from '../dossier/fixture';

/** A store with the demo catalog and one submitted land dossier (fees 250.000 ₫), plus the payment service. */
export async function paymentFixture(dir: string, options: { config?: unknown; link?: Partial<PaymentLink> } = {}) {
  const f = dossierFixture(dir, { config: options.config ?? {} });
  const { sessionId } = f.service.begin(LAND);
  const ids = ['1', '2', '3'].map((n) => [f.service.stagePage(sessionId, pagePng(`Trang ${n}`)).pageId]);
  const outcome = await f.service.submit(landDraft(sessionId, ids));
  const calls = { refresh: [] as string[], wake: 0 };
  let linkState: LinkStateDto = 'online';
  const link: PaymentLink = {
    refresh: async (id) => {
      calls.refresh.push(id);
    },
    wake: () => {
      calls.wake += 1;
    },
    state: () => linkState,
    ...options.link,
  };
  const payments = new PaymentService({ db: f.db, config: f.config, clock: f.clock, logger: f.logger, newId: randomUUID, link });
  return {
    ...f,
    payments,
    dossierId: sessionId,
    code: outcome.receipt.code,
    calls,
    setLink: (state: LinkStateDto) => {
      linkState = state;
    },
  };
}
