import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { useScreenSpeech } from '../speech/speech-context';
import type { ProcedureDetail } from '../../src-shared/catalog';
import type { Language } from '../../src-shared/dto';
import { DocumentList } from '../catalog/DocumentList';

interface IntroStepProps {
  procedure: ProcedureDetail;
  language: Language;
  starting: boolean;
  onStart: () => void;
  onCancel: () => void;
}

/** Before anything is asked: what the citizen will need, how long the kiosk part and the processing take. */
export function IntroStep({ procedure, language, starting, onStart, onCancel }: IntroStepProps): ReactElement {
  const { t } = useTranslation();
  const scans = procedure.documents.filter((d) => d.acceptScan).length;
  useScreenSpeech(t('dossier.intro.title'), procedure.name[language], t('dossier.intro.needTitle'), t('dossier.intro.needCard'), t('dossier.intro.needPapers'));
  return (
    <main className="screen dossier" data-testid="dossier-intro">
      <h1 className="screen__title dossier__title">{t('dossier.intro.title')}</h1>
      <p className="screen__subtitle" data-testid="dossier-procedure-name">
        {procedure.name[language]}
      </p>
      <div className="dossier__intro">
        <section className="dossier__card">
          <h2 className="dossier__heading">{t('dossier.intro.needTitle')}</h2>
          <ul className="plain-list dossier__need">
            <li>{t('dossier.intro.needCard')}</li>
            <li>{t('dossier.intro.needPapers')}</li>
            <li>{t('dossier.intro.needPhone')}</li>
          </ul>
          <DocumentList documents={procedure.documents} language={language} />
        </section>
        <section className="dossier__card dossier__card--facts">
          <h2 className="dossier__heading">{t('dossier.intro.timeTitle')}</h2>
          <p data-testid="dossier-intro-minutes">{t('dossier.intro.minutes', { count: 5 + scans * 2 })}</p>
          <p data-testid="dossier-intro-days">
            {procedure.processingDays === 0 ? t('dossier.intro.sameDay') : t('dossier.intro.days', { count: procedure.processingDays })}
          </p>
          <p className="dossier__small">{t('dossier.intro.privacy')}</p>
        </section>
      </div>
      <div className="actions dossier__actions">
        <button type="button" className="button button--secondary" data-testid="dossier-cancel" data-keypad-back onClick={onCancel}>
          {t('dossier.intro.notNow')}
        </button>
        <button type="button" className="button button--primary button--huge" data-testid="dossier-start" disabled={starting} onClick={onStart}>
          {starting ? t('dossier.checking') : t('dossier.intro.start')}
        </button>
      </div>
    </main>
  );
}
