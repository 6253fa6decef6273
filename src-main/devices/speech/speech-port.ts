import type { Language } from '../../../src-shared/dto';

/** A sentence to say, already masked for speech (src-shared/speech.ts), in the UI's language. */
export interface Utterance {
  readonly text: string;
  readonly language: Language;
}

/**
 * Speech synthesis (EN 301 549 5.1.3, ADA 707.5): text in, a PCM WAVE file out, which the
 * renderer plays. Rejects with a SpeechError when the synthesizer cannot speak.
 */
export interface SpeechPort {
  synthesize(utterance: Utterance, signal?: AbortSignal): Promise<Uint8Array>;
}

export class SpeechError extends Error {}
