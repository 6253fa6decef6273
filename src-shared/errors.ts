import { z } from 'zod';

/** The closed set of error codes a reply may carry. Adding one is a contract change. */
export const errorCodes = [
  'invalid_request',
  'unknown_method',
  'not_found',
  'store_unavailable',
  'device_unavailable',
  'forbidden',
  'internal',
] as const;

export const ErrorCodeSchema = z.enum(errorCodes);
export type ErrorCode = z.infer<typeof ErrorCodeSchema>;

export const KioskErrorSchema = z.object({
  code: ErrorCodeSchema,
  message: z.string(),
});
export type KioskErrorPayload = z.infer<typeof KioskErrorSchema>;

export type Reply<T> = { ok: true; value: T } | { ok: false; error: KioskErrorPayload };

export const ok = <T>(value: T): Reply<T> => ({ ok: true, value });
export const fail = <T = never>(code: ErrorCode, message: string): Reply<T> => ({
  ok: false,
  error: { code, message },
});
