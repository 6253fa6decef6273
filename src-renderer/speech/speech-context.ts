import { createContext, useCallback, useContext, useEffect, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../src-shared/dto';
import type { SpeechGuide, SpeechGuideState, UtteranceKind } from './speech-guide';

/** The session's audio guide; null outside a session (startup and store-error screens). */
export const SpeechContext = createContext<SpeechGuide | null>(null);

const OFF: SpeechGuideState = { enabled: false, volume: 1, speaking: false, played: 0 };
const noSubscribe = () => () => undefined;

export function useSpeechGuide(): SpeechGuide | null {
  return useContext(SpeechContext);
}

export function useSpeechState(): SpeechGuideState {
  const guide = useSpeechGuide();
  return useSyncExternalStore(guide?.subscribe ?? noSubscribe, guide?.snapshot ?? (() => OFF));
}

/**
 * The polite announcement hook: components call it for a change or an error they show, and it
 * is said in the UI's language when the audio guide is on (nothing happens when it is off).
 */
export function useAnnounce(): (text: string, kind?: Exclude<UtteranceKind, 'screen'>) => void {
  const guide = useSpeechGuide();
  const { i18n } = useTranslation();
  return useCallback((text, kind = 'polite') => guide?.say(kind, text, i18n.language as Language), [guide, i18n]);
}

/**
 * Says a screen's title and purpose when it appears (and again when they change, e.g. another
 * language), and makes it what F1 repeats. Parts that are empty are left out.
 */
export function useScreenSpeech(...parts: readonly (string | null | undefined)[]): void {
  const guide = useSpeechGuide();
  const { enabled } = useSpeechState();
  const { i18n } = useTranslation();
  const text = parts
    .filter((p): p is string => Boolean(p?.trim()))
    // Each part a sentence of its own; a question keeps its question mark (the voice rises).
    .map((p) => p.trim())
    .map((p) => (/[.?!…:]$/.test(p) ? p : `${p}.`))
    .join(' ');
  const language = i18n.language as Language;
  useEffect(() => {
    if (enabled && text) guide?.say('screen', text, language);
  }, [guide, enabled, text, language]);
}
