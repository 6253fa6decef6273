import type { Clock } from '../../kernel/clock';
import { assertNever } from '../../../src-shared/assert-never';
import type { ProcessSpawner } from '../docscan/process-runner';
import { EspeakSpeech } from './espeak-speech';
import type { SpeechConfig } from './speech-config';
import type { SpeechPort } from './speech-port';
import { VirtualSpeech } from './virtual-speech';

export interface SpeechEnvironment {
  spawner: ProcessSpawner;
  env: NodeJS.ProcessEnv;
  clock: Clock;
  /** Where the virtual driver writes what it was asked to say (one JSON line each). */
  virtualRecordFile: string | null;
}

/** The speech device the config names (`devices.speech.driver`). */
export function createSpeech(config: SpeechConfig, environment: SpeechEnvironment): SpeechPort {
  const { driver } = config;
  switch (driver) {
    case 'virtual':
      return new VirtualSpeech(environment.clock, environment.virtualRecordFile);
    case 'espeak':
      return new EspeakSpeech(
        { espeakPath: config.espeakPath, wordsPerMinute: config.wordsPerMinute, timeoutMs: config.timeoutSeconds * 1000, env: environment.env },
        environment.spawner,
      );
    default:
      return assertNever(driver);
  }
}
