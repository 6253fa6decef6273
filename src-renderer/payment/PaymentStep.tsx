import { useEffect, useRef, useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { useScreenSpeech } from '../speech/speech-context';
import type { KioskClient } from '../../src-shared/contract';
import { formatVnd } from '../../src-shared/format';
import type { PaymentStatus, StartedPayment } from '../../src-shared/payment';
import { useAlive } from '../app/use-alive';
import { QrCode } from '../components/QrCode';
import { usePaymentStatus } from './use-payment-status';
import './payment.css';

interface PaymentStepProps {
  kiosk: KioskClient;
  dossierId: string;
  /** The code on the receipt: what the citizen keeps if the confirmation comes later. */
  dossierCode: string;
  onBack: () => void;
  onDone: () => void;
}

type Start = { state: 'starting' } | { state: 'started'; payment: StartedPayment } | { state: 'unavailable' };

/**
 * "Nộp lệ phí bằng mã QR": a large VietQR with the amount, the receiving account and the
 * transfer content, what to do in the banking app, and the state of the payment as the portal
 * confirms it. The idle timeout still applies: leaving loses nothing, the payment stays recorded.
 */
export function PaymentStep({ kiosk, dossierId, dossierCode, onBack, onDone }: PaymentStepProps): ReactElement {
  const { t } = useTranslation();
  const [start, setStart] = useState<Start>({ state: 'starting' });
  const alive = useAlive();
  const asked = useRef(false);
  useEffect(() => {
    // Once per screen: starting again would find the same payment, but there is no need to ask.
    if (asked.current) return;
    asked.current = true;
    void kiosk.startPayment({ dossierId }).then((reply) => {
      if (!alive.current) return;
      setStart(reply.ok ? { state: 'started', payment: reply.value } : { state: 'unavailable' });
    });
  }, [kiosk, dossierId, alive]);
  const status = usePaymentStatus(kiosk, start.state === 'started' ? start.payment : null);
  useScreenSpeech(t('payment.screen.title'), t('payment.screen.stepOpen'), t('payment.screen.stepScan'));

  return (
    <main
      className="screen dossier payment"
      data-testid="payment-screen"
      data-payment-id={start.state === 'started' ? start.payment.paymentId : undefined}
      data-state={status?.state ?? start.state}
    >
      <h1 className="screen__title dossier__title">{t('payment.screen.title')}</h1>
      {start.state === 'starting' ? (
        <div className="payment__preparing">
          <div className="spinner" aria-hidden="true" />
          <p className="dossier__lead">{t('payment.screen.preparing')}</p>
        </div>
      ) : null}
      {start.state === 'unavailable' ? (
        <p className="notice notice--warning" role="alert" data-testid="payment-unavailable">
          {t('payment.screen.unavailable', { code: dossierCode })}
        </p>
      ) : null}
      {start.state === 'started' && status ? <PaymentBody payment={start.payment} status={status} dossierCode={dossierCode} /> : null}
      <div className="actions dossier__actions">
        <button type="button" className="button button--secondary" data-testid="payment-back" data-keypad-back onClick={onBack}>
          {t('payment.screen.back')}
        </button>
        <button type="button" className="button button--primary button--wide" data-testid="payment-done" onClick={onDone}>
          {t('payment.screen.done')}
        </button>
      </div>
    </main>
  );
}

function PaymentBody({ payment, status, dossierCode }: { payment: StartedPayment; status: PaymentStatus; dossierCode: string }): ReactElement {
  const { t } = useTranslation();
  const amount = formatVnd(payment.amountVnd);
  if (status.state === 'confirmed') {
    return (
      <section className="payment__received" role="status" data-testid="payment-received">
        <PaidMark />
        <p className="payment__received-title">{t('payment.screen.received')}</p>
        <p className="dossier__lead">{t('payment.screen.receivedAt', { amount, time: status.confirmedAtText ?? '' })}</p>
        <p>{t('payment.screen.receivedNext', { code: dossierCode })}</p>
      </section>
    );
  }
  const offline = status.link === 'offline' || status.link === 'disabled';
  return (
    <div className="payment__layout">
      <figure className="payment__qr" data-testid="payment-qr">
        <QrCode text={payment.qrPayload} alt={t('payment.screen.qrAlt', { amount, account: payment.accountName })} />
        <figcaption>{t('payment.screen.scan')}</figcaption>
      </figure>
      <div className="payment__details">
        <section className="dossier__card">
          <p className="dossier__small">{t('payment.screen.amount')}</p>
          <p className="payment__amount" data-testid="payment-amount">
            {amount}
          </p>
          <dl className="dossier__facts">
            <dt>{t('payment.screen.account')}</dt>
            <dd data-testid="payment-account-name">{payment.accountName}</dd>
            {payment.bankName ? (
              <>
                <dt>{t('payment.screen.bank')}</dt>
                <dd>{payment.bankName}</dd>
              </>
            ) : null}
            <dt>{t('payment.screen.accountNumber')}</dt>
            <dd>{payment.accountNumber}</dd>
            <dt>{t('payment.screen.content')}</dt>
            <dd className="payment__reference" data-testid="payment-reference">
              {payment.reference}
            </dd>
          </dl>
        </section>
        <ol className="payment__steps">
          <li>{t('payment.screen.stepOpen')}</li>
          <li>{t('payment.screen.stepScan')}</li>
          <li>{t('payment.screen.stepConfirm')}</li>
        </ol>
        {status.state === 'failed' ? (
          <div className="notice notice--warning" role="alert" data-testid="payment-failed">
            <div className="notice__text">
              <p className="notice__title">{t('payment.screen.failed')}</p>
              {status.reason ? <p>{status.reason}</p> : null}
              <p>{t('payment.screen.failedNote', { code: dossierCode })}</p>
            </div>
          </div>
        ) : offline ? (
          <div className="notice notice--warning" role="status" data-testid="payment-offline">
            <div className="notice__text">
              <p className="notice__title">{t('payment.screen.offline')}</p>
              <p>{t('payment.screen.offlineNote', { code: dossierCode })}</p>
            </div>
          </div>
        ) : (
          <div className="payment__waiting" role="status" data-testid="payment-waiting">
            <div className="spinner payment__spinner" aria-hidden="true" />
            <div>
              <p className="dossier__lead">{t('payment.screen.waiting')}</p>
              <p className="dossier__small">{t('payment.screen.waitingNote')}</p>
            </div>
          </div>
        )}
      </div>
    </div>
  );
}

/** A large tick in a circle: the one thing the citizen needs to see from a step away. */
function PaidMark(): ReactElement {
  return (
    <svg className="payment__paid-mark" viewBox="0 0 64 64" aria-hidden="true" focusable="false" fill="none" stroke="currentColor" strokeWidth={4} strokeLinecap="round" strokeLinejoin="round">
      <circle cx="32" cy="32" r="28" />
      <path d="M19 33 L28 42 L46 23" />
    </svg>
  );
}
