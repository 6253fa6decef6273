import { useEffect, useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { KioskClient } from '../../src-shared/contract';
import { formatVnd } from '../../src-shared/format';
import type { PaymentOffer } from '../../src-shared/payment';
import { useAlive } from '../app/use-alive';
import './payment.css';

interface ReceiptPaymentProps {
  kiosk: KioskClient;
  dossierId: string;
  onPay: () => void;
}

/**
 * The fee among the receipt's actions: pay now by bank QR (a receiving account is configured),
 * pay at the counter (none is), already paid, or nothing for a procedure without fee. The amount
 * is the core's, from the catalog. It sits in the actions row so the receipt keeps its height.
 */
export function ReceiptPayment({ kiosk, dossierId, onPay }: ReceiptPaymentProps): ReactElement | null {
  const { t } = useTranslation();
  const [offer, setOffer] = useState<PaymentOffer | null>(null);
  const alive = useAlive();
  useEffect(() => {
    void kiosk.getPaymentOffer({ dossierId }).then((reply) => {
      if (alive.current && reply.ok) setOffer(reply.value);
    });
  }, [kiosk, dossierId, alive]);
  if (!offer || offer.method === 'none') return null;
  const amount = formatVnd(offer.amountVnd);
  if (offer.payment?.state === 'confirmed') {
    return (
      <p className="chip payment__note payment__paid" role="status" data-testid="receipt-fee-paid">
        {t('payment.offer.paid', { amount })}
      </p>
    );
  }
  if (offer.method === 'counter') {
    return (
      <p className="chip chip--strong payment__note" data-testid="receipt-fee-counter">
        {t('payment.offer.counter', { amount })}
      </p>
    );
  }
  return (
    <button type="button" className="button button--primary" data-testid="receipt-pay" onClick={onPay}>
      {offer.payment ? t('payment.offer.again', { amount }) : t('payment.offer.pay', { amount })}
    </button>
  );
}
