import { z } from 'zod';

/**
 * Who may call what (decision 0021): a citizen needs no login; staff and IT each have their own
 * PIN. IT may do everything staff may.
 */
export const RoleSchema = z.enum(['citizen', 'staff', 'it']);
export type Role = z.infer<typeof RoleSchema>;
export const StaffRoleSchema = z.enum(['staff', 'it']);
export type StaffRole = z.infer<typeof StaffRoleSchema>;

/** A role session token main issued after a correct PIN: 32 random bytes, base64url. */
export const SessionTokenSchema = z.string().regex(/^[A-Za-z0-9_-]{43}$/);

/** The shortest PIN accepted: six digits. */
export const MIN_PIN_DIGITS = 6;
/** Long enough for any PIN a person types; main checks digits and length itself, with a clear message. */
export const PinFieldSchema = z.string().max(64);

/** Every staff or IT request carries the session token; the dispatcher checks it before the handler runs. */
export const withSession = <T extends z.ZodRawShape>(shape: T) => z.object({ session: SessionTokenSchema, ...shape }).strict();
export const sessionOnly = withSession({});

/** What the PIN pad needs to know before anyone types. */
export const StaffAccessStateSchema = z.strictObject({
  itPinSet: z.boolean(),
  staffPinSet: z.boolean(),
  /** While set, entry is locked after too many wrong PINs. */
  lockedUntil: z.string().nullable(),
});
export type StaffAccessState = z.infer<typeof StaffAccessStateSchema>;

export const GrantedSessionSchema = z.strictObject({
  role: StaffRoleSchema,
  session: SessionTokenSchema,
  /** The session ends after this long without a staff call or touch. */
  idleSeconds: z.number().int().positive(),
});
export type GrantedSession = z.infer<typeof GrantedSessionSchema>;

export const LoginResultSchema = z.discriminatedUnion('outcome', [
  GrantedSessionSchema.extend({ outcome: z.literal('granted') }),
  z.strictObject({ outcome: z.literal('wrong'), attemptsLeft: z.number().int().min(0) }),
  z.strictObject({ outcome: z.literal('locked'), lockedUntil: z.string() }),
]);
export type LoginResult = z.infer<typeof LoginResultSchema>;

/**
 * The staff panel's "test read": what a technician needs to see the scanner works, never the
 * citizen's data (Decree 13/2023). Masked in main, so the reply itself carries none of it.
 */
export const TestReadSchema = z.strictObject({
  kind: z.enum(['cccd', 'receipt', 'dossier-code', 'unknown']),
  /** Characters in the scanned text. */
  length: z.number().int().min(0),
  source: z.enum(['scanner', 'wedge']),
  at: z.string(),
  /** A card's ID number with all but its last four digits hidden: `********7777`. */
  maskedId: z.string().nullable(),
  /** A card's name as initials: `N.V.A.`. */
  initials: z.string().nullable(),
  /** Why an unknown scan gave nothing usable (no personal data). */
  reason: z.string().nullable(),
});
export type TestRead = z.infer<typeof TestReadSchema>;

export const staffAccessRequests = {
  loginStaff: z.object({ pin: PinFieldSchema }).strict(),
  setupFirstItPin: z.object({ pin: PinFieldSchema }).strict(),
  setStaffPin: withSession({ pin: PinFieldSchema }),
  setItPin: withSession({ pin: PinFieldSchema }),
};
