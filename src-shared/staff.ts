import { z } from 'zod';
import { DeviceHealthSchema, DeviceNameSchema } from './dto';

/** A device that cannot do its job, for staff: raised when it goes offline, resolved when back. */
export const StaffAlertSchema = z.strictObject({
  id: z.string(),
  device: DeviceNameSchema,
  reason: z.string(),
  raisedAt: z.string(),
  resolvedAt: z.string().nullable(),
});
export type StaffAlert = z.infer<typeof StaffAlertSchema>;

/** One row of the staff device-status panel. */
export const DeviceStatusSchema = z.strictObject({
  health: DeviceHealthSchema,
  lastError: z.strictObject({ reason: z.string(), at: z.string() }).nullable(),
});
export type DeviceStatus = z.infer<typeof DeviceStatusSchema>;

/** What a test print did. */
export const TestPrintResultSchema = z.strictObject({ printed: z.boolean(), printError: z.string().nullable() });
