import { useEffect, type ReactElement, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { DraftProblem } from '../../src-shared/dossier';
import type { Language } from '../../src-shared/dto';
import { useAnnounce, useScreenSpeech } from '../speech/speech-context';

/** The numbered steps a citizen sees in the progress line (intro and receipt are outside it). */
const shownSteps = ['identify', 'form', 'documents', 'delivery', 'consent', 'review'] as const;
export type ShownStep = (typeof shownSteps)[number];

interface StepFrameProps {
  step: ShownStep;
  title: string;
  subtitle?: string;
  language: Language;
  problems: readonly DraftProblem[];
  children: ReactNode;
  onBack?: (() => void) | undefined;
  onNext?: (() => void) | undefined;
  nextLabel?: string;
  busy?: boolean;
}

/** One step of the dossier: where the citizen is, what is wrong, the content, Back and Continue. */
export function StepFrame({ step, title, subtitle, language, problems, children, onBack, onNext, nextLabel, busy }: StepFrameProps): ReactElement {
  const { t } = useTranslation();
  const index = shownSteps.indexOf(step);
  useScreenSpeech(t('speech.step', { step: index + 1, of: shownSteps.length }), title, subtitle);
  // What is wrong is said as soon as it shows (the same lines the citizen sees, in the UI's language).
  const announce = useAnnounce();
  const problemText = problems.length === 0 ? '' : [t(problems.every((p) => p.path === 'submit') ? 'submitFailure.title' : 'dossier.problemsTitle'), ...problems.slice(0, 6).map((p) => p.message[language])].map((line) => line.replace(/[:.]\s*$/, '')).join('. ');
  useEffect(() => {
    if (problemText) announce(problemText);
  }, [problemText, announce]);
  return (
    <main className="screen dossier" data-testid={`dossier-${step}`}>
      <ol className="dossier__progress" aria-label={t('dossier.progressLabel')}>
        {shownSteps.map((s, i) => (
          <li key={s} className={i < index ? 'is-done' : i === index ? 'is-current' : ''} aria-current={i === index ? 'step' : undefined}>
            <span className="dossier__progress-number">{i + 1}</span>
            <span className="dossier__progress-name">{t(`dossier.steps.${s}`)}</span>
          </li>
        ))}
      </ol>
      <h1 className="screen__title dossier__title">{title}</h1>
      {subtitle ? <p className="screen__subtitle">{subtitle}</p> : null}
      {problems.length > 0 ? (
        <div className="notice notice--error" role="alert" data-testid="dossier-problems">
          <div className="notice__text">
            {/* A refused submit (the disk full, say) is not something to correct: the title says what happened. */}
            <p className="notice__title">{t(problems.every((p) => p.path === 'submit') ? 'submitFailure.title' : 'dossier.problemsTitle')}</p>
            <ul className="dossier__problem-list">
              {problems.slice(0, 6).map((p) => (
                <li key={`${p.path}:${p.message.en}`}>{p.message[language]}</li>
              ))}
            </ul>
          </div>
        </div>
      ) : null}
      <div className="dossier__body">{children}</div>
      <div className="actions dossier__actions">
        {onBack ? (
          <button type="button" className="button button--secondary" data-testid="dossier-back" data-keypad-back onClick={onBack} disabled={busy}>
            {t('dossier.back')}
          </button>
        ) : null}
        {onNext ? (
          <button type="button" className="button button--primary button--wide" data-testid="dossier-next" onClick={onNext} disabled={busy}>
            {busy ? t('dossier.checking') : (nextLabel ?? t('dossier.next'))}
          </button>
        ) : null}
      </div>
    </main>
  );
}
