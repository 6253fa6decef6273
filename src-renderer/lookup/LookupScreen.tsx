import { useEffect, useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { useScreenSpeech } from '../speech/speech-context';
import type { KioskClient, ResponseOf } from '../../src-shared/contract';
import type { Language } from '../../src-shared/dto';
import { KeyboardPanel, TextField, type TextFieldSpec } from '../dossier/TextFields';
import '../dossier/dossier.css';
import { useAlive } from '../app/use-alive';
import { PaymentFacts } from '../payment/PaymentFacts';

/** The dossier's status, with its fee payment when there is one. */
type LookupResult = ResponseOf<'lookupDossier'>;

interface LookupScreenProps {
  kiosk: KioskClient;
  language: Language;
}

type Answer = { state: 'none' } | { state: 'found'; result: LookupResult } | { state: 'failed'; message: string };

/** "Tra cứu hồ sơ": the receipt's QR or the code typed, plus the last 4 ID digits; the status in words. */
export function LookupScreen({ kiosk, language }: LookupScreenProps): ReactElement {
  const { t } = useTranslation();
  const [code, setCode] = useState('');
  const [last4, setLast4] = useState('');
  const [active, setActive] = useState<string | null>('lookup.code');
  const [busy, setBusy] = useState(false);
  const [answer, setAnswer] = useState<Answer>({ state: 'none' });
  const alive = useAlive();

  useEffect(
    () =>
      kiosk.on('scan', (event) => {
        if (event.kind === 'receipt' || event.kind === 'dossier-code') {
          setCode(event.dossierCode);
          setAnswer({ state: 'none' });
          setActive('lookup.last4');
        }
      }),
    [kiosk],
  );

  const specs: TextFieldSpec[] = [
    { path: 'lookup.code', label: t('lookup.code'), value: code, maxLength: 64, letterCase: 'upper', hint: t('lookup.codeHint'), required: true },
    { path: 'lookup.last4', label: t('lookup.last4'), value: last4, maxLength: 4, hint: t('lookup.last4Hint'), required: true },
  ];
  const change = (path: string, value: string) => {
    setAnswer({ state: 'none' });
    if (path === 'lookup.code') setCode(value);
    else setLast4(value.replace(/\D/g, ''));
  };

  const lookUp = async () => {
    if (busy) return;
    setBusy(true);
    const reply = await kiosk.lookupDossier({ code, idLast4: last4, language });
    if (!alive.current) return;
    setBusy(false);
    if (reply.ok) setAnswer({ state: 'found', result: reply.value });
    else setAnswer({ state: 'failed', message: reply.error.code === 'invalid_request' ? t('lookup.incomplete') : reply.error.message });
  };
  const ready = code.trim() !== '' && /^\d{4}$/.test(last4);

  useScreenSpeech(t('lookup.title'), t('lookup.subtitle'));
  return (
    <main className="screen dossier" data-testid="screen-lookup">
      <h1 className="screen__title dossier__title">{t('lookup.title')}</h1>
      <p className="screen__subtitle">{t('lookup.subtitle')}</p>
      <div className="dossier__columns">
        <div className="dossier__fields">
          <section className="dossier__card">
            {specs.map((spec) => (
              <TextField key={spec.path} spec={spec} active={active === spec.path} language={language} problems={[]} onActivate={() => setActive(spec.path)} />
            ))}
            <div className="actions">
              <button type="button" className="button button--primary button--wide" data-testid="lookup-submit" disabled={!ready || busy} onClick={() => void lookUp()}>
                {busy ? t('dossier.checking') : t('lookup.submit')}
              </button>
            </div>
          </section>
          {answer.state === 'failed' ? (
            <p className="notice notice--error" role="alert" data-testid="lookup-error">
              {answer.message}
            </p>
          ) : null}
          {answer.state === 'found' ? <LookupAnswer result={answer.result} language={language} /> : null}
        </div>
        <KeyboardPanel language={language} spec={specs.find((s) => s.path === active)} onChange={change} />
      </div>
    </main>
  );
}

function LookupAnswer({ result, language }: { result: LookupResult; language: Language }): ReactElement {
  const { t } = useTranslation();
  return (
    <section className="dossier__card" data-testid="lookup-result" aria-live="polite">
      <p className="dossier__code" data-testid="lookup-code">
        {result.code}
      </p>
      {result.provisional ? <p className="chip chip--strong">{t('dossier.receipt.provisional')}</p> : null}
      <p>{result.procedureName[language]}</p>
      <p className="dossier__lead" data-testid="lookup-status">
        {t('lookup.statusNow', { status: result.status.label[language] })}
      </p>
      <dl className="dossier__facts">
        <dt>{t('dossier.receipt.received')}</dt>
        <dd>{result.receivedAtText}</dd>
        <dt>{t('dossier.receipt.appointment')}</dt>
        <dd>{result.appointmentAtText}</dd>
      </dl>
      {result.payment ? <PaymentFacts payment={result.payment} /> : null}
      {result.personalDataErased ? (
        <p className={`notice ${result.statusSource === 'portal' ? 'notice--ok' : 'notice--warning'}`} data-testid="lookup-erased" data-status-source={result.statusSource ?? 'kiosk'}>
          {t('privacy.lookupErased')} {result.statusSource === 'portal' ? t('privacy.lookupFromPortal') : t('privacy.lookupOffline')}
        </p>
      ) : null}
      <h2 className="dossier__heading">{t('lookup.history')}</h2>
      <ol className="dossier__history" data-testid="lookup-history">
        {result.history.map((h) => (
          <li key={`${h.status}-${h.at}`}>
            <span className="dossier__history-when">{h.atText}</span>
            <span>{h.label[language]}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}
