import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { assertNever } from '../../src-shared/assert-never';
import { formatVnd } from '../../src-shared/format';
import type { PaymentStatus } from '../../src-shared/payment';
import './payment.css';

/** The dossier's fee payment in a lookup answer: waiting, paid (when), or not completed (why). */
export function PaymentFacts({ payment }: { payment: PaymentStatus }): ReactElement {
  const { t } = useTranslation();
  const amount = formatVnd(payment.amountVnd);
  const text = ((): string => {
    switch (payment.state) {
      case 'pending':
        return t('payment.lookup.pending', { amount });
      case 'confirmed':
        return t('payment.lookup.confirmed', { amount, time: payment.confirmedAtText ?? '' });
      case 'failed':
        return t('payment.lookup.failed', { amount });
      default:
        return assertNever(payment.state);
    }
  })();
  return (
    <div className="payment__facts" data-testid="lookup-payment" data-state={payment.state}>
      <h2 className="dossier__heading">{t('payment.lookup.title')}</h2>
      <p className={payment.state === 'confirmed' ? 'chip payment__paid' : 'chip chip--strong'}>{text}</p>
      {payment.state === 'failed' && payment.reason ? <p className="dossier__small">{payment.reason}</p> : null}
    </div>
  );
}
