import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';

const STEPS = ['step1', 'step2', 'step3', 'step4'] as const;

/** What a first-time visitor needs to know, under the tiles where the screen has room. */
export function HomeHelp(): ReactElement {
  const { t } = useTranslation();
  return (
    <section className="home-panel" data-testid="home-help" aria-labelledby="home-help-title">
      <h2 className="home-panel__title" id="home-help-title">
        {t('homeInfo.helpTitle')}
      </h2>
      <ol className="home-help__steps">
        {STEPS.map((step) => (
          <li key={step}>{t(`homeInfo.${step}`)}</li>
        ))}
      </ol>
    </section>
  );
}
