import { z } from 'zod';

/**
 * `storage` in the kiosk config: how much room the data folder must keep free. Under the minimum
 * the kiosk raises a staff alert and stops taking scans (the biggest writes), so the disk never
 * fills in the middle of a dossier. docs/decisions/0024-storage-faults.md says why these numbers.
 */
export const StorageConfigSchema = z
  .object({
    /** Free space below this (in MB) counts as "nearly full". 1 GB ≈ 30 dossiers at the scan size limit, plus the store's own growth. */
    minFreeMegabytes: z.number().int().min(0).max(100_000_000).default(1024),
    /** How often the free space is looked at when nothing is being scanned. */
    checkSeconds: z.number().min(1).max(3600).default(60),
  })
  .strict()
  .prefault({});
export type StorageConfig = z.infer<typeof StorageConfigSchema>;
