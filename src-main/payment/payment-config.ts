import { z } from 'zod';
import type { CenterConfig, TerminalConfig } from '../kernel/center';

/**
 * `payment` in the kiosk config: the center's receiving account for fees paid by VietQR. Without
 * `vietqr` (the default) the kiosk offers no QR payment and tells the citizen to pay at the counter.
 */
export const PaymentConfigSchema = z
  .object({
    vietqr: z
      .object({
        /** The receiving bank's 6-digit NAPAS BIN, e.g. 970436 (Vietcombank), 970415 (VietinBank). */
        bankBin: z.string().regex(/^\d{6}$/, '6 digits (the bank BIN, e.g. 970436)'),
        accountNumber: z.string().regex(/^[0-9A-Za-z]{1,19}$/, '1 to 19 letters or digits, as the bank prints it'),
        /** Shown on screen so the citizen can check whom they pay; the banking app shows the bank's own record too. */
        accountName: z.string().trim().min(1).max(70),
        /** Shown on screen; the QR itself carries only the BIN. */
        bankName: z.string().trim().min(1).max(70).nullable().default(null),
      })
      .strict()
      .nullable()
      .default(null),
    /** Still-pending payments are asked about in each sync round for this many days after they started. */
    watchDays: z.number().int().min(1).max(90).default(7),
  })
  .strict()
  .prefault({});
export type PaymentConfig = z.infer<typeof PaymentConfigSchema>;
export type VietQrAccount = NonNullable<PaymentConfig['vietqr']>;

/** The part of the kiosk config the payment service reads. */
export interface PaymentServiceConfig {
  center: Pick<CenterConfig, 'timeZone'>;
  payment: Pick<PaymentConfig, 'vietqr'>;
  terminal: TerminalConfig;
}
