import { useEffect, useRef, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../src-shared/dto';
import { useSpeechGuide } from '../speech/speech-context';

interface IdleWarningProps {
  secondsLeft: number;
  onContinue: () => void;
}

/** Covers the screen and asks whether the visitor is still there; one big way to say yes. */
export function IdleWarning({ secondsLeft, onContinue }: IdleWarningProps): ReactElement {
  const { t, i18n } = useTranslation();
  const button = useRef<HTMLButtonElement>(null);
  const guide = useSpeechGuide();
  // Said once, over whatever was being said (the time left matters more); only when the guide is on.
  const seconds = useRef(secondsLeft);
  useEffect(() => {
    guide?.stop();
    guide?.say('polite', t('speech.idleWarning', { seconds: seconds.current }), i18n.language as Language);
  }, [guide, t, i18n]);
  // Keyboard and switch users land on the only thing they can do.
  useEffect(() => button.current?.focus(), []);
  return (
    <div className="overlay" role="alertdialog" aria-modal="true" aria-labelledby="idle-title" data-testid="idle-warning">
      <div className="overlay__panel">
        <h2 id="idle-title" className="overlay__title">
          {t('idle.title')}
        </h2>
        <p className="overlay__body">{t('idle.body')}</p>
        <p className="overlay__countdown" aria-live="polite" data-testid="idle-countdown">
          {t('idle.seconds', { seconds: secondsLeft })}
        </p>
        <button ref={button} type="button" className="button button--primary button--huge" onClick={onContinue}>
          {t('common.continue')}
        </button>
      </div>
    </div>
  );
}
