import { z } from 'zod';
import { checkPortalUrl } from './url-policy';

/**
 * `sync` in the kiosk config. portalUrl null: no portal, the kiosk works offline-only (the outbox
 * keeps every dossier until a portal is configured).
 */
export const SyncConfigSchema = z
  .object({
    portalUrl: z
      .string()
      .nullable()
      .default(null)
      .superRefine((value, ctx) => {
        if (value === null) return;
        try {
          checkPortalUrl(value);
        } catch (error) {
          ctx.addIssue({ code: 'custom', message: (error as Error).message });
        }
      }),
    /** Given once by the portal's operator; exchanged for the terminal's own credential at enrollment. */
    enrollmentToken: z.string().max(500).default(''),
    /** Heartbeat, catalog check and reservations run this often while enrolled. */
    heartbeatSeconds: z.number().min(1).max(3600).default(60),
    /** A change of health (a device, the render proof, parked rows, the disk) is told within this many seconds. */
    changeCheckSeconds: z.number().min(1).max(600).default(5),
    /** Outbox jobs in flight at once while the link is up (each sends one request at a time). */
    concurrency: z.number().int().min(1).max(32).default(4),
    /** Official codes reserved per day while online; a new block is asked when fewer than a quarter are left. */
    dossierCodesPerDay: z.number().int().min(0).max(1000).default(50),
    /** Queue numbers reserved per service for offline use, and the level under which more are asked. */
    queueBlockSize: z.number().int().min(0).max(500).default(20),
    queueBlockLow: z.number().int().min(0).max(500).default(5),
  })
  .prefault({});
