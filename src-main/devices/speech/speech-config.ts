import { z } from 'zod';

/** `devices.speech` in config.json. The default, virtual, records what was said (demos, tests). */
export const SpeechConfigSchema = z
  .object({
    /** espeak: runs `espeak-ng` (Debian package espeak-ng, voices vi and en); virtual: records and beeps. */
    driver: z.enum(['virtual', 'espeak']).default('virtual'),
    espeakPath: z.string().min(1).default('espeak-ng'),
    /** Unhurried speech for people hearing a kiosk for the first time (espeak's own default is 175). */
    wordsPerMinute: z.number().int().min(80).max(400).default(150),
    /** A synthesis that takes longer is taken as hung and ended. */
    timeoutSeconds: z.number().min(1).max(60).default(10),
  })
  .prefault({});
export type SpeechConfig = z.infer<typeof SpeechConfigSchema>;
