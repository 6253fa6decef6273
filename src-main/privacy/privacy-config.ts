import { z } from 'zod';
import { RetentionHoursSchema } from '../../src-shared/central-config';

/** How long personal data stays on the terminal once the portal holds the dossier (decision 0022). */
export const PrivacyConfigSchema = z
  .object({
    /**
     * Hours after the portal acknowledged a dossier (and its payment) before the terminal erases
     * the applicant's personal data, scanned pages and receipt PDF. 0: at the next purge round.
     */
    retentionHours: RetentionHoursSchema.default(24),
    /** How often the purge runs (it also runs after each delivery). */
    purgeIntervalSeconds: z.number().int().min(1).max(86_400).default(300),
  })
  .prefault({});
export type PrivacyConfig = z.infer<typeof PrivacyConfigSchema>;
