import { z } from 'zod';

/** `devices.documentScanner` in config.json. The defaults run the virtual scanner out of the box. */
export const DocumentScannerConfigSchema = z
  .object({
    /** sane: runs `scanimage`; virtual: makes synthetic pages (demos, tests, machines without a scanner). */
    driver: z.enum(['virtual', 'sane']).default('virtual'),
    /** A SANE device name as `scanimage -L` shows it (e.g. `fujitsu:fi-7160:1234`); default: the first one found. */
    device: z.string().min(1).optional(),
    resolution: z.number().int().min(75, 'at least 75 dpi').max(600, 'at most 600 dpi').default(200),
    mode: z.enum(['gray', 'color']).default('gray'),
    source: z.enum(['flatbed', 'adf']).default('flatbed'),
    scanimagePath: z.string().min(1).default('scanimage'),
    /** A device that finishes no page within this time is taken as hung and stopped. */
    timeoutSeconds: z.number().min(1).max(600).default(60),
    limits: z
      .object({
        maxPagesPerDossier: z.number().int().min(1).max(1000).default(60),
        maxBytesPerDossier: z
          .number()
          .int()
          .min(100_000)
          .max(1_000_000_000)
          .default(30 * 1024 * 1024),
      })
      .prefault({}),
  })
  .prefault({});
export type DocumentScannerConfig = z.infer<typeof DocumentScannerConfigSchema>;
