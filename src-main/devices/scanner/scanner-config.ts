import { z } from 'zod';

/** Barcode/QR scanner: virtual (`npm run scan`) or a HID-POS scanner by USB vendor/product id. */
export const BarcodeScannerConfigSchema = z
  .object({
    driver: z.enum(['virtual', 'hid']).default('virtual'),
    vendorId: z.number().int().min(0).max(0xffff).default(0x0c2e), // Honeywell
    productId: z.number().int().min(0).max(0xffff).default(0x0b07),
    reconnectSeconds: z.number().min(0.1).max(60).default(2),
  })
  .prefault({});
export type BarcodeScannerConfig = z.infer<typeof BarcodeScannerConfigSchema>;
