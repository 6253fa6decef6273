import { z } from 'zod';
import { DeviceHealthSchema, DeviceNameSchema } from './dto';
import { AlertReasonSchema, DeviceReasonSchema, ReasonParamsSchema } from './reasons';

/**
 * What an alert is about: a device that cannot do its job, or a part of the kiosk that needs
 * staff (entry locked after wrong PINs, the disk nearly full, a purge that keeps failing, an
 * outbox row set aside, the clock far from the portal's, the kiosk out of service after repeated
 * crashes). One open alert per source at a time.
 */
export const AlertSourceSchema = z.enum([...DeviceNameSchema.options, 'staff-access', 'storage', 'privacy', 'outbox', 'clock', 'crash', 'config']);
export type AlertSource = z.infer<typeof AlertSourceSchema>;

/** Something staff must see: raised with a reason, resolved when the cause is gone. */
export const StaffAlertSchema = z.strictObject({
  id: z.string(),
  source: AlertSourceSchema,
  /** A code the UI translates with `params`; raw technical text, if any, in `detail`. */
  reason: AlertReasonSchema,
  params: ReasonParamsSchema.optional(),
  detail: z.string().optional(),
  raisedAt: z.string(),
  resolvedAt: z.string().nullable(),
});
export type StaffAlert = z.infer<typeof StaffAlertSchema>;

/** One row of the staff device-status panel. */
export const DeviceStatusSchema = z.strictObject({
  health: DeviceHealthSchema,
  lastError: z.strictObject({ reason: DeviceReasonSchema, detail: z.string().optional(), at: z.string() }).nullable(),
});
export type DeviceStatus = z.infer<typeof DeviceStatusSchema>;

/** What a test print did. */
export const TestPrintResultSchema = z.strictObject({ printed: z.boolean(), printError: z.string().nullable() });
