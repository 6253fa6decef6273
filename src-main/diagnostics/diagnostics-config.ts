import { z } from 'zod';
import { DEFAULT_EXPORT_MOUNT_ROOTS } from './export-mounts';

/** `diagnostics` in the kiosk config: where the log export looks for USB drives (decision 0030). */
export const DiagnosticsConfigSchema = z
  .object({
    /** Each sub-folder of a root is a drive; a root ending in `/*` stands for each of its sub-folders. */
    exportMountRoots: z.array(z.string().min(1)).max(16).default(DEFAULT_EXPORT_MOUNT_ROOTS),
  })
  .strict()
  .prefault({});
export type DiagnosticsConfig = z.infer<typeof DiagnosticsConfigSchema>;
