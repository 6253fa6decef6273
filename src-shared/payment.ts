import { z } from 'zod';
import { LinkStateSchema } from './sync';

/** Fee payment by VietQR (decision 0020): what the receipt, payment and lookup screens see. */

export const PaymentStateSchema = z.enum(['pending', 'confirmed', 'failed']);
export type PaymentStateDto = z.infer<typeof PaymentStateSchema>;

export const PaymentStatusSchema = z.object({
  paymentId: z.string(),
  state: PaymentStateSchema,
  amountVnd: z.number().int().min(1),
  /** ISO 8601 and `HH:mm dd/MM/yyyy` in the center's time zone, once confirmed. */
  confirmedAt: z.string().nullable(),
  confirmedAtText: z.string().nullable(),
  /** Why the portal says it failed. */
  reason: z.string().nullable(),
  /** The portal holds the payment, so its confirmation can come. */
  delivered: z.boolean(),
  /** The link to the portal now: offline or disabled means the confirmation waits for the connection. */
  link: LinkStateSchema,
});
export type PaymentStatus = z.infer<typeof PaymentStatusSchema>;

/**
 * What the receipt offers for a dossier's fee: `qr` pay now by bank QR; `counter` there is a fee
 * but this kiosk takes no QR payment (pay at the counter); `none` the procedure has no fee.
 */
export const PaymentOfferSchema = z.object({
  method: z.enum(['qr', 'counter', 'none']),
  amountVnd: z.number().int().min(0),
  /** The dossier's payment under way or done, if the citizen already started one. */
  payment: PaymentStatusSchema.nullable(),
});
export type PaymentOffer = z.infer<typeof PaymentOfferSchema>;

/** A started payment: its status plus what the payment screen shows and the QR encodes. */
export const StartedPaymentSchema = PaymentStatusSchema.extend({
  qrPayload: z.string(),
  /** The transfer content (the dossier code, ASCII), as in the QR. */
  reference: z.string(),
  accountName: z.string(),
  accountNumber: z.string(),
  bankName: z.string().nullable(),
});
export type StartedPayment = z.infer<typeof StartedPaymentSchema>;

/** Requests of the payment methods (wired into the contract's method map). The amount is never asked: main decides it. */
export const paymentRequests = {
  getPaymentOffer: z.object({ dossierId: z.string().uuid() }).strict(),
  startPayment: z.object({ dossierId: z.string().uuid() }).strict(),
  getPaymentStatus: z.object({ paymentId: z.string().uuid() }).strict(),
} as const;
