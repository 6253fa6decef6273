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
    /** Upload requests in flight at once while the link is up (the outbox runs JOBS_PER_REQUEST × as many jobs). */
    concurrency: z.number().int().min(1).max(32).default(4),
    /** Official codes reserved per day while online; a new block is asked when fewer than a quarter are left. */
    dossierCodesPerDay: z.number().int().min(0).max(1000).default(50),
    /** Queue numbers reserved per service for offline use, and the level under which more are asked. */
    queueBlockSize: z.number().int().min(0).max(500).default(20),
    queueBlockLow: z.number().int().min(0).max(500).default(5),
  })
  .prefault({});
export type SyncConfig = z.infer<typeof SyncConfigSchema>;

/**
 * Outbox jobs per upload request in flight. Jobs outnumber requests so that one job's local work
 * never idles a connection, and so that after an outage the bundles waiting for a request go
 * together as batches: with 2 jobs per request most dossiers still went alone, with 8 a batch
 * carried 7 on average and the drain of 1,000 dossiers took 2.4–2.5 s instead of 2.8 (16 jobs)
 * or 3.2 s (decision 0018, ninth pass). A waiting bundle holds no file bytes.
 */
export const JOBS_PER_REQUEST = 8;
