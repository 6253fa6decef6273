import { maskForSpeech, type SpokenAudio } from '../../../src-shared/speech';
import type { Language } from '../../../src-shared/dto';
import { KioskError } from '../../kernel/kiosk-error';
import type { Logger } from '../../kernel/logger';
import type { SpeechPort } from './speech-port';
import { readWav } from './wav';

/**
 * The `speak` method: masks the text again (the renderer is untrusted, and a number must not be
 * said in full even through a bug there), synthesizes one utterance at a time (a burst of focus
 * changes must not start a dozen synthesizers on a two-core terminal) and hands back the WAV.
 */
export class SpeechService {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly port: SpeechPort,
    private readonly logger: Logger,
  ) {}

  async speak(text: string, language: Language): Promise<SpokenAudio> {
    const utterance = { text: maskForSpeech(text, language), language };
    const turn = this.queue.then(() => this.port.synthesize(utterance));
    this.queue = turn.catch(() => undefined);
    try {
      const wav = await turn;
      return { wavBase64: Buffer.from(wav).toString('base64'), durationMs: readWav(wav).durationMs };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.logger.log('warn', 'speech synthesis failed', { error: message });
      throw new KioskError('device_unavailable', `Speech is not available: ${message}`);
    }
  }
}
