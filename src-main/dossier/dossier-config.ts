import { z } from 'zod';
import type { Language } from '../../src-shared/dto';
import type { CenterConfig, TerminalConfig } from '../kernel/center';

/** `dossier` in the kiosk config. */
export const DossierConfigSchema = z
  .object({
    /** A dossier received after this local time counts as received the next working day. */
    cutoffTime: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time written HH:mm').default('16:30'),
    /** When results are handed back on the appointment day. */
    returnTime: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time written HH:mm').default('16:00'),
    /** Wrong lookups per terminal before each further try has to wait. */
    lookupFreeFailures: z.number().int().min(1).max(100).default(3),
    lookupMaxWaitSeconds: z.number().int().min(1).max(3600).default(60),
  })
  .prefault({});
export type DossierConfig = z.infer<typeof DossierConfigSchema>;

/** Public holidays and make-up days off (YYYY-MM-DD), skipped when counting working days. */
export const HolidaysSchema = z
  .array(z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'dates written YYYY-MM-DD'))
  .max(2000)
  .default([]);

/** The part of the kiosk config the dossier service reads. */
export interface DossierServiceConfig {
  center: Pick<CenterConfig, 'name' | 'timeZone'>;
  dossier: DossierConfig;
  holidays: readonly string[];
  language: Language;
  printer: { footer: string };
  terminal: TerminalConfig;
}
