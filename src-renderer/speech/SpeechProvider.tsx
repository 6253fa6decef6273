import { useEffect, type ReactElement, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../src-shared/dto';
import { describeFocus } from './describe-focus';
import { SpeechContext, useSpeechState } from './speech-context';
import type { SpeechGuide } from './speech-guide';

/**
 * The keypad's speech keys (ADA 707.5: repeat, interrupt, volume; a dedicated key to start speech).
 * Arrows, Enter, Escape and digits belong to keypad navigation, not to speech.
 */
export const SPEECH_KEYS = { toggle: 'F2', repeat: 'F1', stop: 'F3', louder: 'NumpadAdd', quieter: 'NumpadSubtract' } as const;

interface SpeechProviderProps {
  guide: SpeechGuide;
  children: ReactNode;
}

/** Gives the session its audio guide, listens for the speech keys and speaks what gets focus. */
export function SpeechProvider({ guide, children }: SpeechProviderProps): ReactElement {
  const { t, i18n } = useTranslation();
  useEffect(() => {
    const language = () => i18n.language as Language;
    const onKey = (event: KeyboardEvent) => {
      const enabled = guide.snapshot().enabled;
      switch (event.code) {
        case SPEECH_KEYS.toggle:
          if (enabled) guide.reset();
          else {
            guide.enable();
            guide.say('polite', t('speech.turnedOn'), language());
          }
          break;
        case SPEECH_KEYS.repeat:
          guide.repeat();
          break;
        case SPEECH_KEYS.stop:
          guide.stop();
          break;
        case SPEECH_KEYS.louder:
        case SPEECH_KEYS.quieter: {
          if (!enabled) return;
          const volume = guide.changeVolume(event.code === SPEECH_KEYS.louder ? 1 : -1);
          guide.say('focus', t('speech.volume', { percent: Math.round(volume * 100) }), language());
          break;
        }
        default:
          return;
      }
      // F1 would open the browser's help, and + / - must not reach a focused field.
      event.preventDefault();
    };
    const onFocus = (event: FocusEvent) => {
      if (!guide.snapshot().enabled || !(event.target instanceof Element)) return;
      const text = describeFocus(event.target, { field: t('speech.roleField'), button: t('speech.roleButton'), checked: t('speech.checked'), unchecked: t('speech.unchecked') });
      if (text) guide.say('focus', text, language());
    };
    window.addEventListener('keydown', onKey, { capture: true });
    document.addEventListener('focusin', onFocus);
    return () => {
      window.removeEventListener('keydown', onKey, { capture: true });
      document.removeEventListener('focusin', onFocus);
    };
  }, [guide, t, i18n]);

  return (
    <SpeechContext.Provider value={guide}>
      {children}
      <SpeechStatus />
    </SpeechContext.Provider>
  );
}

/** The guide's state as attributes, for diagnostics and tests; nothing a visitor sees. */
function SpeechStatus(): ReactElement {
  const { enabled, volume, speaking, played } = useSpeechState();
  return (
    <span
      hidden
      data-testid="speech-state"
      data-enabled={String(enabled)}
      data-volume={String(volume)}
      data-speaking={String(speaking)}
      data-played={String(played)}
    />
  );
}
