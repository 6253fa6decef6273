import { z } from 'zod';
import { LocalizedTextSchema } from '../../src-shared/dto';

/** `center` in the kiosk config: who the kiosk serves and in which time zone (used by most services). */
export const CenterConfigSchema = z.object({
  name: LocalizedTextSchema,
  address: z.string().default(''),
  timeZone: z.string().default('Asia/Ho_Chi_Minh'),
  queueFollowUrl: z.string().url(),
});
export type CenterConfig = z.infer<typeof CenterConfigSchema>;

/** `terminal` in the kiosk config: this kiosk's id (audit actors, dossier codes, portal enrollment). */
export const TerminalConfigSchema = z.object({ id: z.string().regex(/^[A-Za-z0-9-]{1,32}$/, 'letters, digits and dashes (1–32)') });
export type TerminalConfig = z.infer<typeof TerminalConfigSchema>;
