import { z } from 'zod';
import { VietQrAccountSchema } from '../../src-shared/central-config';
import type { CenterConfig, TerminalConfig } from '../kernel/center';

/**
 * `payment` in the kiosk config: the center's receiving account for fees paid by VietQR. Without
 * `vietqr` (the default) the kiosk offers no QR payment and tells the citizen to pay at the counter.
 */
export const PaymentConfigSchema = z
  .object({
    vietqr: VietQrAccountSchema.nullable().default(null),
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
