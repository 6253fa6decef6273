import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Clock } from '../../kernel/clock';
import type { SpeechPort, Utterance } from './speech-port';
import { encodeWav } from './wav';

export interface SpokenRecord extends Utterance {
  readonly at: string;
}

const SAMPLE_RATE = 16_000;

/**
 * The speech device of demos and tests: it keeps what it was asked to say (in memory, and one
 * JSON line per utterance in `recordFile`, which an e2e spec reads the way it reads the virtual
 * printer's PNGs) and answers with a short soft tone, so the renderer has real audio to play.
 * Texts reach it already masked; it never holds an ID number or a name.
 */
export class VirtualSpeech implements SpeechPort {
  private readonly said: SpokenRecord[] = [];

  constructor(
    private readonly clock: Clock,
    private readonly recordFile: string | null,
  ) {}

  synthesize(utterance: Utterance): Promise<Uint8Array> {
    const record: SpokenRecord = { at: this.clock.now().toISOString(), text: utterance.text, language: utterance.language };
    this.said.push(record);
    if (this.recordFile) {
      mkdirSync(dirname(this.recordFile), { recursive: true, mode: 0o700 });
      appendFileSync(this.recordFile, `${JSON.stringify(record)}\n`, { mode: 0o600 });
    }
    return Promise.resolve(tone(Math.min(600, 80 + utterance.text.length * 2)));
  }

  utterances(): readonly SpokenRecord[] {
    return this.said;
  }
}

/** A 440 Hz tone, faded in and out so it does not click. */
function tone(ms: number): Uint8Array {
  const samples = new Float32Array(Math.round((SAMPLE_RATE * ms) / 1000));
  const fade = Math.min(samples.length / 2, SAMPLE_RATE / 100);
  for (let i = 0; i < samples.length; i++) {
    const envelope = Math.min(1, i / fade, (samples.length - 1 - i) / fade);
    samples[i] = 0.2 * envelope * Math.sin((2 * Math.PI * 440 * i) / SAMPLE_RATE);
  }
  return encodeWav(samples, SAMPLE_RATE);
}
