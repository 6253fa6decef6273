import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { KioskErrorPayload } from '../../src-shared/errors';

interface StartupScreenProps {
  /** Null while the first attempt is still running. */
  error: KioskErrorPayload | null;
  onRetry: () => void;
}

/** Before the kiosk knows anything about its center: starting up, or unable to reach the core. */
export function StartupScreen({ error, onRetry }: StartupScreenProps): ReactElement {
  const { t } = useTranslation();
  if (!error) {
    return (
      <main className="screen screen--full" data-testid="screen-loading">
        <h1 className="screen__title">{t('app.loading')}</h1>
        <div className="spinner" role="progressbar" aria-label={t('app.working')} />
      </main>
    );
  }
  return (
    <main className="screen screen--full screen--alert" data-testid="screen-startup-error">
      <h1 className="screen__title">{t('startup.title')}</h1>
      <p className="screen__subtitle">{t('startup.body')}</p>
      <p className="staff-detail">{t('errors.code', { code: error.code })}</p>
      <div className="actions">
        <button type="button" className="button button--primary button--wide" onClick={onRetry}>
          {t('common.retry')}
        </button>
      </div>
    </main>
  );
}
