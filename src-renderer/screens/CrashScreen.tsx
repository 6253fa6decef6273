import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';

/** What a rendering bug looks like to a visitor: an apology and one way out. */
export function CrashScreen({ onRestart }: { onRestart: () => void }): ReactElement {
  const { t } = useTranslation();
  return (
    <main className="screen screen--full screen--alert" data-testid="screen-crash">
      <h1 className="screen__title">{t('crash.title')}</h1>
      <p className="screen__subtitle">{t('crash.body')}</p>
      <div className="actions">
        <button type="button" className="button button--primary button--wide" onClick={onRestart}>
          {t('crash.restart')}
        </button>
      </div>
    </main>
  );
}
