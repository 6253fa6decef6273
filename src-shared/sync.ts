import { z } from 'zod';
import { ParkReasonSchema, SyncErrorCodeSchema } from './reasons';

/** How well the kiosk reaches the portal (src-main/sync/link-state.ts decides). */
export const LinkStateSchema = z.enum(['online', 'degraded', 'offline', 'disabled']);
export type LinkStateDto = z.infer<typeof LinkStateSchema>;

export const LinkStateEventSchema = z.object({ state: LinkStateSchema });

/** What staff see about the sync: `disabled` when no portal is configured (offline-only kiosk). */
export const SyncStatusSchema = z.object({
  state: LinkStateSchema,
  enrolled: z.boolean(),
  /** Outbox rows still to deliver (pending or running). */
  outboxDepth: z.number().int().min(0),
  /** Rows set aside for staff (can never succeed as they are). */
  parked: z.number().int().min(0),
  oldestPendingAgeSeconds: z.number().min(0).nullable(),
  /** `code` is translated; `message` is the raw error, for the folded technical line. */
  lastError: z.object({ at: z.string(), code: SyncErrorCodeSchema, message: z.string() }).nullable(),
  portalOrigin: z.string().nullable(),
  /** The portal's clock minus the kiosk's (its Date header), in seconds; null before any answer. */
  clockSkewSeconds: z.number().int().nullable(),
});
export type SyncStatus = z.infer<typeof SyncStatusSchema>;

/** An outbox row set aside for staff: it can never succeed as it is (the portal refused it, or a file is damaged). */
export const ParkedRowSchema = z.object({
  id: z.number().int().positive(),
  /** What the row delivers. */
  kind: z.enum(['dossier', 'payment', 'other']),
  /** The dossier it is about (its official code when it has one), or null. */
  dossierCode: z.string().nullable(),
  attempts: z.number().int().min(0),
  parkedAt: z.string(),
  /** A code the UI translates; the raw text (the portal's answer, the failure) is `detail`. */
  reason: ParkReasonSchema,
  detail: z.string(),
});
export type ParkedRow = z.infer<typeof ParkedRowSchema>;

export const syncRequests = {
  /** Staff send one parked row again, once the cause is fixed. */
  retryParkedRow: z.object({ id: z.number().int().positive() }).strict(),
};
