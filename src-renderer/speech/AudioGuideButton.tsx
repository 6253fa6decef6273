import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../src-shared/dto';
import { Icon } from '../components/Icons';
import { otherLanguage } from '../i18n';
import { useSpeechGuide, useSpeechState } from './speech-context';

interface AudioGuideButtonProps {
  language: Language;
  /** After turning the guide on (the attract screen starts the session then). */
  onTurnedOn?: () => void;
  testId: string;
}

/**
 * "Nghe hướng dẫn / Audio guide": labelled in both languages, since someone who cannot read the
 * screen may not be able to choose a language either. Turns speech on for this session, or off.
 */
export function AudioGuideButton({ language, onTurnedOn, testId }: AudioGuideButtonProps): ReactElement {
  const { t } = useTranslation();
  const guide = useSpeechGuide();
  const { enabled } = useSpeechState();
  const other = otherLanguage(language);
  const toggle = () => {
    if (!guide) return;
    if (enabled) {
      guide.reset();
      return;
    }
    guide.enable();
    guide.say('polite', t('speech.turnedOn'), language);
    onTurnedOn?.();
  };
  return (
    <button
      type="button"
      className={enabled ? 'audio-guide audio-guide--on' : 'audio-guide'}
      aria-pressed={enabled}
      data-testid={testId}
      data-speak={t(enabled ? 'speech.toggleOff' : 'speech.toggleOn')}
      onClick={toggle}
    >
      <span className="audio-guide__icon">
        <Icon name="speaker" />
      </span>
      <span className="audio-guide__text">
        <span className="audio-guide__primary">{t('speech.label', { lng: language })}</span>
        <span className="audio-guide__secondary" lang={other}>
          {t('speech.label', { lng: other })}
        </span>
        <span className="audio-guide__state">{t(enabled ? 'speech.stateOn' : 'speech.stateOff')}</span>
      </span>
    </button>
  );
}
