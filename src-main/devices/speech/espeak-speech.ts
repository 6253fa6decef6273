import type { Language } from '../../../src-shared/dto';
import type { ProcessSpawner } from '../docscan/process-runner';
import { SpeechError, type SpeechPort, type Utterance } from './speech-port';
import { withTrueSizes } from './wav';

export interface EspeakOptions {
  espeakPath: string;
  wordsPerMinute: number;
  timeoutMs: number;
  env: NodeJS.ProcessEnv;
}

const VOICES: Readonly<Record<Language, string>> = { vi: 'vi', en: 'en' };

/** More than a minute of speech is not an utterance the kiosk asked for. */
const MAX_WAV_BYTES = 8 * 1024 * 1024;

/** The espeak-ng command line for one utterance; `--` so a text starting with "-" is said, not parsed. */
export function espeakArgs(utterance: Utterance, wordsPerMinute: number): string[] {
  return ['-v', VOICES[utterance.language], '-s', String(wordsPerMinute), '--stdout', '--', utterance.text];
}

/** Speech from espeak-ng, one process per utterance (it starts in ~20 ms; no daemon to keep alive). */
export class EspeakSpeech implements SpeechPort {
  constructor(
    private readonly options: EspeakOptions,
    private readonly spawner: ProcessSpawner,
  ) {}

  async synthesize(utterance: Utterance, signal?: AbortSignal): Promise<Uint8Array> {
    const child = this.spawner(this.options.espeakPath, espeakArgs(utterance, this.options.wordsPerMinute), this.options.env);
    const chunks: Buffer[] = [];
    let size = 0;
    let stderr = '';
    let endedBy: 'timeout' | 'aborted' | 'too-long' | null = null;
    const end = (why: NonNullable<typeof endedBy>) => {
      endedBy ??= why;
      child.kill('SIGKILL');
    };
    child.stdout.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_WAV_BYTES) end('too-long');
      else chunks.push(chunk);
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString('utf8')).slice(-2000)));
    const timer = setTimeout(() => end('timeout'), this.options.timeoutMs);
    const onAbort = () => end('aborted');
    if (signal?.aborted) onAbort();
    signal?.addEventListener('abort', onAbort, { once: true });
    const { code, error } = await child.exited;
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
    if (error) throw new SpeechError(`${this.options.espeakPath} could not start: ${error.code ?? error.message}`);
    if (endedBy) throw new SpeechError(`espeak-ng ended: ${endedBy}`);
    if (code !== 0) throw new SpeechError(`espeak-ng exited with ${code}: ${stderr.trim().slice(0, 300)}`);
    try {
      return withTrueSizes(Buffer.concat(chunks));
    } catch (cause) {
      throw new SpeechError(`espeak-ng wrote no audio: ${cause instanceof Error ? cause.message : String(cause)}`);
    }
  }
}
