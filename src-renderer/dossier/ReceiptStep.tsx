import { useRef, useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { useScreenSpeech } from '../speech/speech-context';
import type { KioskClient } from '../../src-shared/contract';
import type { SubmitOutcome } from '../../src-shared/dossier';
import type { Language } from '../../src-shared/dto';
import { QrCode } from '../components/QrCode';
import { PaymentStep } from '../payment/PaymentStep';
import { KioskRating } from '../rating/KioskRating';
import { ReceiptPayment } from '../payment/ReceiptPayment';
import { retentionWhen } from './retention-text';

interface ReceiptStepProps {
  kiosk: KioskClient;
  outcome: SubmitOutcome;
  language: Language;
  /** privacy.retentionHours: the note says how long the kiosk keeps the dossier's data. */
  retentionHours: number;
  onDone: () => void;
}

/** The receipt and appointment slip on screen, whether the paper came out, and how to get it again. */
export function ReceiptStep({ kiosk, outcome, language, retentionHours, onDone }: ReceiptStepProps): ReactElement {
  const { t } = useTranslation();
  const [print, setPrint] = useState<Pick<SubmitOutcome, 'printed' | 'printError'>>({ printed: outcome.printed, printError: outcome.printError });
  const [reprinting, setReprinting] = useState(false);
  const once = useRef(false);
  const [paying, setPaying] = useState(false);
  // Done leads to the optional rating of the kiosk's service (skippable in one tap); the receipt is printed already.
  const [rating, setRating] = useState(false);
  const r = outcome.receipt;
  // The code is said, the applicant's name never; said again on coming back from the payment screen.
  useScreenSpeech(...(paying ? [] : [t('dossier.receipt.title'), t('speech.receipt', { code: r.code })]));

  const reprint = async () => {
    if (once.current) return;
    once.current = true;
    setReprinting(true);
    const reply = await kiosk.reprintReceipt({ dossierId: r.dossierId, language });
    setReprinting(false);
    once.current = false;
    if (reply.ok) setPrint(reply.value);
  };

  if (rating) return <KioskRating kiosk={kiosk} language={language} dossierId={r.dossierId} onDone={onDone} />;
  // The payment screen stands in for the receipt and comes back to it; the journey stays on its receipt step.
  if (paying) return <PaymentStep kiosk={kiosk} dossierId={r.dossierId} dossierCode={r.code} onBack={() => setPaying(false)} onDone={onDone} />;

  return (
    <main className="screen dossier dossier--receipt" data-testid="dossier-receipt">
      <h1 className="screen__title dossier__title">{t('dossier.receipt.title')}</h1>
      <div className="dossier__receipt">
        <section className="dossier__card dossier__receipt-code">
          <p className="dossier__small">{t('dossier.receipt.codeLabel')}</p>
          <p className="dossier__code" data-testid="receipt-code">
            {r.code}
          </p>
          {r.provisional ? (
            <p className="chip chip--strong" data-testid="receipt-provisional">
              {t('dossier.receipt.provisional')}
            </p>
          ) : (
            <p className="chip" data-testid="receipt-official">
              {t('dossier.receipt.official')}
            </p>
          )}
          {r.provisional ? <p className="dossier__small">{t('dossier.receipt.provisionalExplain')}</p> : null}
          <QrCode text={r.qrText} alt={t('dossier.receipt.qrAlt', { code: r.code })} />
        </section>
        <section className="dossier__card">
          <dl className="dossier__facts">
            <dt>{t('dossier.receipt.procedure')}</dt>
            <dd>{r.procedureName[language]}</dd>
            <dt>{t('dossier.receipt.applicant')}</dt>
            <dd>{r.applicantName}</dd>
            <dt>{t('dossier.receipt.received')}</dt>
            <dd>{r.receivedAtText}</dd>
            <dt>{t('dossier.receipt.appointment')}</dt>
            <dd className="dossier__appointment" data-testid="receipt-appointment">
              {r.appointmentAtText}
            </dd>
            <dt>{t('dossier.receipt.delivery')}</dt>
            <dd>
              {t(`procedure.deliveries.${r.delivery}`)}
              {r.postalAddress ? ` — ${r.postalAddress}` : ''}
            </dd>
          </dl>
          <table className="dossier__doc-table">
            <thead>
              <tr>
                <th>{t('dossier.receipt.document')}</th>
                <th>{t('dossier.receipt.how')}</th>
              </tr>
            </thead>
            <tbody>
              {r.documents.map((d) => (
                <tr key={d.name.vi}>
                  <td>{d.name[language]}</td>
                  <td>{d.kind === 'scanned' ? t('dossier.review.scannedPages', { count: d.pageCount }) : t('dossier.review.paper')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      </div>
      {print.printed ? (
        <p className="notice notice--ok" role="status" data-testid="receipt-print-status" data-printed="true">
          {t('dossier.receipt.printed')}
        </p>
      ) : (
        <div className="notice notice--warning" role="alert" data-testid="receipt-print-status" data-printed="false">
          <div className="notice__text">
            <p className="notice__title">{t('dossier.receipt.notPrinted')}</p>
            <p>{print.printError ? print.printError[language] : ''}</p>
            <p>{t('dossier.receipt.getAgain', { code: r.code })}</p>
          </div>
        </div>
      )}
      <div className="actions dossier__actions">
        <button type="button" className="button button--secondary" data-testid="receipt-reprint" disabled={reprinting} onClick={() => void reprint()}>
          {reprinting ? t('dossier.receipt.printing') : t('dossier.receipt.reprint')}
        </button>
        <ReceiptPayment kiosk={kiosk} dossierId={r.dossierId} onPay={() => setPaying(true)} />
        <button type="button" className="button button--primary button--wide" data-testid="receipt-done" onClick={() => setRating(true)}>
          {t('dossier.receipt.done')}
        </button>
      </div>
      <p className="dossier__small dossier__wiped" data-testid="receipt-kept">
        {t('privacy.receiptKept', { when: retentionWhen(t, retentionHours) })}
      </p>
    </main>
  );
}
