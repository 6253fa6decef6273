import { z } from 'zod';
import { ParkReasonSchema } from './reasons';
import { DeviceHealthSchema, LanguageSchema, LocalizedTextSchema, PrioritySchema } from './dto';
import { withSession } from './staff-access';

/**
 * Staff-assisted work at the kiosk (issue #21): reprints, the outbox, the printer's paper, a
 * ticket taken for a citizen. Every request carries the staff session (decision 0021).
 */
export const staffWorkRequests = {
  reprintLastTicket: withSession({ language: LanguageSchema }),
  reprintReceiptByCode: withSession({ code: z.string().min(1).max(64), language: LanguageSchema }),
  takeTicketForCitizen: withSession({ serviceId: z.string().min(1).max(64), priority: PrioritySchema, language: LanguageSchema }),
};

/**
 * A receipt reprint by dossier code: printed, not printed (the printer's reason), or refused
 * because the dossier's personal data was erased after delivery (decision 0022) — a receipt
 * printed then would carry what was erased.
 */
export const ReceiptReprintSchema = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('printed'), code: z.string() }),
  /** printError: the printer's reason, in both languages. */
  z.object({ outcome: z.literal('print-failed'), code: z.string(), printError: LocalizedTextSchema }),
  z.object({ outcome: z.literal('erased'), code: z.string() }),
]);
export type ReceiptReprint = z.infer<typeof ReceiptReprintSchema>;

/** An outbox row not yet delivered, as staff see it. */
export const OutboxRowSchema = z.object({
  id: z.number().int().positive(),
  /** pending: waiting for its next attempt; running: being sent now; parked: set aside for staff. */
  state: z.enum(['pending', 'running', 'parked']),
  kind: z.enum(['dossier', 'payment', 'other']),
  /** The dossier it is about (its official code when it has one), or null. */
  dossierCode: z.string().nullable(),
  attempts: z.number().int().min(0),
  /** When it is tried next; null for a parked row and for one held until another row is done. */
  nextAttemptAt: z.string().nullable(),
  /** Why it is not delivered yet: the park reason, else the last attempt's error; null before any attempt. */
  why: z.string().nullable(),
  /** For a parked row: the code of why, translated (`why` is then its technical text). */
  parkReason: ParkReasonSchema.nullable(),
});
export type OutboxRow = z.infer<typeof OutboxRowSchema>;

export const PrinterRefilledSchema = z.object({ health: DeviceHealthSchema });
