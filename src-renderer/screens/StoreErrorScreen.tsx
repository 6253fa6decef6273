import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { KioskInfo, StoreStatus } from '../../src-shared/dto';
import { Bilingual } from '../components/Bilingual';

type Unavailable = Extract<StoreStatus, { state: 'unavailable' }>;

interface StoreErrorScreenProps {
  info: KioskInfo;
  store: Unavailable;
}

/**
 * The kiosk cannot keep records, so it serves no one; the visitor is sent to a counter and
 * staff get what they need to fix it. Shown in both languages: nobody has chosen one yet.
 */
export function StoreErrorScreen({ info, store }: StoreErrorScreenProps): ReactElement {
  const { t } = useTranslation();
  const language = info.defaultLanguage;
  return (
    <main className="screen screen--full screen--alert" data-testid="screen-store-error">
      <p className="screen__center">{info.centerName[language]}</p>
      <h1 className="screen__title">
        <Bilingual k="storeError.title" language={language} className="bilingual" />
      </h1>
      <p className="screen__subtitle">
        <Bilingual k="storeError.body" language={language} className="bilingual" />
      </p>
      <section className="staff" aria-labelledby="staff-title">
        <h2 id="staff-title" className="staff__title">
          {t('storeError.staffTitle', { lng: language })}
        </h2>
        <dl className="staff__facts">
          <dt>{t('storeError.reason', { lng: language })}</dt>
          <dd data-testid="store-reason">
            <code>{store.reason}</code> — {t(`storeError.reasons.${store.reason}`, { lng: language })}
          </dd>
          <dt>{t('storeError.message', { lng: language })}</dt>
          <dd data-testid="store-message">
            <code>{store.message}</code>
          </dd>
          <dt>{t('storeError.terminal', { lng: language })}</dt>
          <dd>
            <code>{info.terminalId}</code>
          </dd>
          <dt>{t('storeError.version', { lng: language })}</dt>
          <dd>
            <code>{info.version}</code>
          </dd>
        </dl>
      </section>
    </main>
  );
}
