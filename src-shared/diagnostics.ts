import { z } from 'zod';
import { DeviceNameSchema, DeviceStateSchema } from './dto';
import { LinkStateSchema } from './sync';
import { withSession } from './staff-access';

/**
 * The IT diagnostics (issue #21, decision 0030): every figure a technician asks for first, in one
 * reply, so the same snapshot can be shown on screen, put in the log export and sent upstream.
 */

const count = z.number().int().nonnegative();

/** One change of a device's health, as the health monitor reported it. */
export const DeviceChangeSchema = z.strictObject({ state: DeviceStateSchema, reason: z.string(), at: z.string() });
export type DeviceChange = z.infer<typeof DeviceChangeSchema>;

export const DeviceDiagnosticsSchema = z.strictObject({
  device: DeviceNameSchema,
  state: DeviceStateSchema,
  reason: z.string(),
  at: z.string(),
  /** Its last changes, latest first (a few; older ones are in the log files). */
  changes: z.array(DeviceChangeSchema),
});

export const LogLevelSchema = z.enum(['debug', 'info', 'warn', 'error']);

/** One log event as the logger received it: no personal data (callers never log it; ID-like digits are masked). */
export const RecentEventSchema = z.strictObject({
  at: z.string(),
  level: LogLevelSchema,
  /** The event's name or message. */
  event: z.string(),
  /** Its fields, each a short scalar (longer values are cut, nested ones written as JSON). */
  fields: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
});
export type RecentEvent = z.infer<typeof RecentEventSchema>;

export const DiagnosticsSchema = z.strictObject({
  takenAt: z.string(),
  terminalId: z.string(),
  host: z.enum(['electron', 'web']),
  versions: z.strictObject({
    app: z.string(),
    /** The store's schema version (SQLite user_version); null when the store could not be opened. */
    schema: count.nullable(),
    /** The procedure catalog's version; null while none is loaded. */
    catalog: z.string().nullable(),
    /** The Kiosk Sync API version this build speaks (docs/sync-api.yaml). */
    api: z.string(),
  }),
  startedAt: z.string(),
  uptimeSeconds: count,
  storage: z.strictObject({
    dataDir: z.string(),
    /** Free bytes on the data folder's file system; null when it could not be read. */
    freeBytes: count.nullable(),
    /** kiosk.sqlite3 with its WAL; null when there is no store. */
    databaseBytes: count.nullable(),
  }),
  outbox: z.strictObject({ depth: count, parked: count, oldestPendingAgeSeconds: z.number().nonnegative().nullable() }),
  link: z.strictObject({
    state: LinkStateSchema,
    /** The last time the portal answered anything; null before the first answer. */
    lastContactAt: z.string().nullable(),
    /** The portal's clock minus the kiosk's, in seconds; null before any answer. */
    clockSkewSeconds: z.number().int().nullable(),
    lastError: z.strictObject({ at: z.string(), message: z.string() }).nullable(),
  }),
  devices: z.array(DeviceDiagnosticsSchema),
  /** The last log events, latest first (at most 50). */
  events: z.array(RecentEventSchema),
});
export type Diagnostics = z.infer<typeof DiagnosticsSchema>;

/** A removable drive the log export can be written to (a mount under /media or /run/media). */
export const ExportMountSchema = z.strictObject({
  /** Its mount path; the request names it back, main accepts only a path it listed itself. */
  path: z.string(),
  label: z.string(),
  freeBytes: count.nullable(),
});
export type ExportMount = z.infer<typeof ExportMountSchema>;

export const ExportDestinationSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('usb'), mount: z.string().min(1).max(4096) }),
  z.strictObject({ kind: z.literal('download') }),
  z.strictObject({ kind: z.literal('portal') }),
]);
export type ExportDestination = z.infer<typeof ExportDestinationSchema>;

export const LogExportResultSchema = z.strictObject({
  kind: z.enum(['usb', 'download', 'portal']),
  fileName: z.string(),
  bytes: count,
  /** usb: where the zip was written. */
  writtenTo: z.string().nullable(),
  /** download: a one-shot path on the browser host (`/exports/<token>`), valid a few minutes. */
  downloadPath: z.string().nullable(),
  /** portal: the id the portal gave the upload. */
  portalId: z.string().nullable(),
});
export type LogExportResult = z.infer<typeof LogExportResultSchema>;

export const diagnosticsRequests = {
  exportLogs: withSession({ destination: ExportDestinationSchema }),
};
