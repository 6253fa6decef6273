import { z } from 'zod';
import { LanguageSchema, type Language } from './dto';

/** Longer texts are refused: a screen's title and purpose, a control's name or an error fit well within it. */
export const MAX_SPEECH_CHARS = 600;

export const SpeakRequestSchema = z
  .object({ text: z.string().min(1).max(MAX_SPEECH_CHARS), language: LanguageSchema })
  .strict();

/** One utterance as audio the renderer plays: a whole RIFF/WAVE file (PCM), base64. */
export const SpokenAudioSchema = z.object({ wavBase64: z.string(), durationMs: z.number().int().min(0) });
export type SpokenAudio = z.infer<typeof SpokenAudioSchema>;

const ENDING: Readonly<Record<Language, string>> = { vi: 'số kết thúc bằng', en: 'a number ending in' };

/** How many digits of a long number may be spoken: the last four, as printed receipts mask them. */
const SPOKEN_DIGITS = 4;

/**
 * Makes a text safe to say out loud in a public hall: a run of seven or more digits, spaces allowed (a
 * citizen ID, a phone number; not a date or a dossier code) and an already masked number (`********7777`) become "số kết thúc bằng 7 7 7 7",
 * its last four digits one by one. Both the renderer (before asking) and main (before
 * synthesizing) apply it; names never reach it, since the renderer never asks to speak one.
 */
export function maskForSpeech(text: string, language: Language): string {
  const spell = (digits: string): string => `${ENDING[language]} ${digits.slice(-SPOKEN_DIGITS).split('').join(' ')}`;
  return text
    .replace(/[*•]{3,}\s?(\d{1,4})(?!\d)/g, (_match, tail: string) => spell(tail))
    .replace(/\d(?:\s?\d){6,}/g, (run) => spell(run.replace(/\D/g, '')));
}
