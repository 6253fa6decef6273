import { z } from 'zod';

/**
 * What the reference portal's admin page shows as a QR for a new terminal, and what the set-up
 * wizard reads from the barcode scanner (issue #19): where the portal is and the one-time
 * enrollment token, so nobody types a 40-character token on a touch screen. JSON, because the
 * HID POS scanner delivers the bytes as they are; `motcuaSetup` marks the format and its version
 * so a citizen's ID card QR or a bank QR scanned by mistake is named as such.
 */
export const SetupQrSchema = z.strictObject({
  motcuaSetup: z.literal(1, { error: 'expected 1 (the only set-up QR format so far)' }),
  portalUrl: z.string().min(1).max(500),
  enrollmentToken: z.string().min(1).max(500),
  /** ISO time after which the portal refuses the token; shown by the wizard. */
  expiresAt: z.string().max(40).optional(),
  /** The terminal id the administrator chose for this terminal, when there is one. */
  terminalId: z.string().regex(/^[A-Za-z0-9._-]{1,64}$/).optional(),
  centerId: z.string().min(1).max(64).optional(),
});
export type SetupQr = z.infer<typeof SetupQrSchema>;

export type SetupQrProblem = 'not-json' | 'not-a-setup-qr' | 'invalid';

export type SetupQrParse = { ok: true; value: SetupQr } | { ok: false; problem: SetupQrProblem; detail: string };

/** The payload a portal puts in the QR. */
export const formatSetupQr = (payload: SetupQr): string => JSON.stringify(SetupQrSchema.parse(payload));

/** Reads a scanned text: a set-up QR, or which kind of wrong it is (never throws). */
export function parseSetupQr(text: string): SetupQrParse {
  let json: unknown;
  try {
    json = JSON.parse(text.trim());
  } catch {
    return { ok: false, problem: 'not-json', detail: 'The scanned code is not a set-up code.' };
  }
  if (typeof json !== 'object' || json === null || !('motcuaSetup' in json)) {
    return { ok: false, problem: 'not-a-setup-qr', detail: 'The scanned code is not a set-up code.' };
  }
  const parsed = SetupQrSchema.safeParse(json);
  if (!parsed.success) {
    const fields = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
    return { ok: false, problem: 'invalid', detail: fields.join('; ') };
  }
  return { ok: true, value: parsed.data };
}
