import { z } from 'zod';
import { DeviceReasonSchema } from './reasons';
import { WaitEstimateSchema } from './queue-wait';

export const LanguageSchema = z.enum(['vi', 'en']);
export type Language = z.infer<typeof LanguageSchema>;

export const LocalizedTextSchema = z.object({ vi: z.string().min(1), en: z.string().min(1) });
export type LocalizedText = z.infer<typeof LocalizedTextSchema>;

export const PrioritySchema = z.enum(['none', 'elderly', 'disabled', 'pregnant']);
export type Priority = z.infer<typeof PrioritySchema>;

export const QueueServiceSchema = z.object({
  id: z.string(),
  prefix: z.string(),
  name: LocalizedTextSchema,
  description: LocalizedTextSchema,
  icon: z.string(),
});
export type QueueServiceDto = z.infer<typeof QueueServiceSchema>;

export const DeviceStateSchema = z.enum(['ok', 'degraded', 'offline']);
export const DeviceNameSchema = z.enum(['printer', 'barcode-scanner', 'document-scanner']);
export type DeviceName = z.infer<typeof DeviceNameSchema>;
export const DeviceHealthSchema = z.object({
  device: DeviceNameSchema,
  state: DeviceStateSchema,
  /** A code the UI translates; the device's own words are in `detail` (issue #21). */
  reason: DeviceReasonSchema,
  /** Raw technical text (an OS error, a printer's name): for the folded technical line only. */
  detail: z.string().optional(),
  at: z.string(),
});
export type DeviceHealth = z.infer<typeof DeviceHealthSchema>;

export const StoreStatusSchema = z.discriminatedUnion('state', [
  z.object({ state: z.literal('ok') }),
  z.object({
    state: z.literal('unavailable'),
    reason: z.enum(['locked', 'corrupt', 'too_new', 'io_error']),
    message: z.string(),
  }),
]);
export type StoreStatus = z.infer<typeof StoreStatusSchema>;

export const KioskInfoSchema = z.object({
  version: z.string(),
  host: z.enum(['electron', 'web']),
  centerName: LocalizedTextSchema,
  terminalId: z.string(),
  defaultLanguage: LanguageSchema,
  idle: z.object({ timeoutSeconds: z.number(), warningSeconds: z.number(), ticketDisplaySeconds: z.number() }),
  store: StoreStatusSchema,
  devices: z.array(DeviceHealthSchema),
  /** How long the kiosk keeps personal data after the portal has the dossier (consent and receipt say it). */
  privacy: z.object({ retentionHours: z.number() }),
  /** No configuration yet (first start without --demo): citizens see "being set up", IT the set-up wizard (issue #19). */
  setupMode: z.boolean().optional(),
});
export type KioskInfo = z.infer<typeof KioskInfoSchema>;

/**
 * How many people a ticket has ahead and how long they may take (decision 0032). `portal`: the
 * center's whole queue just now; `last-known`: the portal's last answer plus this kiosk's tickets
 * since, while offline (`asOf` says when); `kiosk`: this kiosk's own tickets only (the portal has
 * not answered today). `estimate` is null when the data is thin.
 */
export const TicketWaitSchema = z.object({
  peopleAhead: z.number().int().nonnegative(),
  source: z.enum(['portal', 'last-known', 'kiosk']),
  asOf: z.string().nullable(),
  /** `asOf` as the center's wall clock, HH:MM. */
  asOfText: z.string().nullable(),
  estimate: WaitEstimateSchema.nullable(),
});
export type TicketWait = z.infer<typeof TicketWaitSchema>;

/** The queue as the home screen shows it: per service, people waiting and the wait a new ticket can expect. */
export const QueueSummarySchema = z.object({
  source: TicketWaitSchema.shape.source,
  asOfText: z.string().nullable(),
  services: z.array(
    z.object({
      serviceId: z.string(),
      name: LocalizedTextSchema,
      waiting: z.number().int().nonnegative(),
      estimate: WaitEstimateSchema.nullable(),
    }),
  ),
});
export type QueueSummary = z.infer<typeof QueueSummarySchema>;

export const TicketSchema = z.object({
  id: z.string(),
  display: z.string(),
  serviceId: z.string(),
  serviceName: LocalizedTextSchema,
  priority: PrioritySchema,
  issuedAt: z.string(),
  waitingAhead: z.number().int().nonnegative(),
  wait: TicketWaitSchema,
  qrText: z.string(),
  printed: z.boolean(),
  printError: z.string().nullable(),
});
export type TicketDto = z.infer<typeof TicketSchema>;
