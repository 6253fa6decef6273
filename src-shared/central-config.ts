import { z } from 'zod';
import { LocalizedTextSchema } from './dto';

/**
 * The centrally settable part of a kiosk's configuration (issue #19, decision 0041): what the
 * portal may change at runtime. The kiosk's own ConfigSchema is built from the same field schemas
 * below, and the portal validates a saved document with `CentralConfigSchema` itself, so both
 * sides name a bad field alike. Devices, the portal URL, the terminal id and PINs are not here:
 * they stay local (a strict schema names any key it does not know).
 */

/** The newest central document format this code understands. */
export const CENTRAL_CONFIG_SCHEMA_VERSION = 2;

/** A text in both languages, with no other keys. */
const StrictTextSchema = LocalizedTextSchema.strict();

export const QueueServiceConfigSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]{1,64}$/, 'lowercase letters, digits and dashes'),
  prefix: z.string().regex(/^[A-Z]{1,3}$/, '1 to 3 capital letters'),
  name: StrictTextSchema,
  description: StrictTextSchema,
  icon: z.string().min(1),
  /** First number of the day. */
  start: z.number().int().min(0).max(9999).default(1),
  digits: z.number().int().min(2).max(5).default(3),
});
export type QueueServiceConfig = z.infer<typeof QueueServiceConfigSchema>;

/** The services a citizen can take a ticket for; the whole list is replaced, never merged. */
export const QueueServicesSchema = z
  .array(QueueServiceConfigSchema)
  .min(1, 'at least one service')
  .refine((s) => new Set(s.map((x) => x.id)).size === s.length, 'service ids must be unique')
  .refine((s) => new Set(s.map((x) => x.prefix)).size === s.length, 'service prefixes must be unique');

/** `queue` in the kiosk config. */
export const QueueConfigSchema = z.object({ services: QueueServicesSchema });
export type QueueConfig = z.infer<typeof QueueConfigSchema>;

/** `idle` fields, without defaults: the kiosk adds its defaults, a central document only what it sets. */
export const IdleFields = {
  timeoutSeconds: z.number().int().min(10).max(3600),
  // WCAG 2.2.1: at least 20 s to answer the warning (decision 0033).
  warningSeconds: z.number().int().min(20).max(120),
  ticketDisplaySeconds: z.number().int().min(3).max(300),
} as const;

/** `idle` in the kiosk config. */
export const IdleConfigSchema = z.object({
  timeoutSeconds: IdleFields.timeoutSeconds.default(60),
  warningSeconds: IdleFields.warningSeconds.default(20),
  ticketDisplaySeconds: IdleFields.ticketDisplaySeconds.default(20),
});

/** Hours personal data stays on the terminal after the portal acknowledged it (decision 0022). */
export const RetentionHoursSchema = z.number().min(0).max(24 * 90);

/** Text printed at the top and bottom of tickets and receipts. */
export const PrinterTextSchema = z.string().max(500);

/** The center's receiving account for fees paid by VietQR (decision 0020). */
export const VietQrAccountSchema = z
  .object({
    /** The receiving bank's 6-digit NAPAS BIN, e.g. 970436 (Vietcombank), 970415 (VietinBank). */
    bankBin: z.string().regex(/^\d{6}$/, '6 digits (the bank BIN, e.g. 970436)'),
    accountNumber: z.string().regex(/^[0-9A-Za-z]{1,19}$/, '1 to 19 letters or digits, as the bank prints it'),
    /** Shown on screen so the citizen can check whom they pay; the banking app shows the bank's own record too. */
    accountName: z.string().trim().min(1).max(70),
    /** Shown on screen; the QR itself carries only the BIN. */
    bankName: z.string().trim().min(1).max(70).nullable().default(null),
  })
  .strict();

/**
 * A central configuration document at the current format. Its keys are the kiosk config's own
 * paths, so laying it over the local configuration is a plain deep merge (arrays replaced).
 */
export const CentralConfigSchema = z.strictObject({
  schemaVersion: z.literal(CENTRAL_CONFIG_SCHEMA_VERSION),
  center: z.strictObject({ name: StrictTextSchema.optional() }).optional(),
  queue: z.strictObject({ services: QueueServicesSchema }).optional(),
  printer: z.strictObject({ header: PrinterTextSchema.optional(), footer: PrinterTextSchema.optional() }).optional(),
  idle: z
    .strictObject({
      timeoutSeconds: IdleFields.timeoutSeconds.optional(),
      warningSeconds: IdleFields.warningSeconds.optional(),
      ticketDisplaySeconds: IdleFields.ticketDisplaySeconds.optional(),
    })
    .optional(),
  privacy: z.strictObject({ retentionHours: RetentionHoursSchema.optional() }).optional(),
  /** null: no QR payment (pay at the counter). */
  payment: z.strictObject({ vietqr: VietQrAccountSchema.nullable().optional() }).optional(),
});
export type CentralConfig = z.infer<typeof CentralConfigSchema>;

/** An empty document: sets nothing. */
export const emptyCentralConfig = (): CentralConfig => ({ schemaVersion: CENTRAL_CONFIG_SCHEMA_VERSION });

type Doc = Record<string, unknown>;
const isPlainObject = (v: unknown): v is Doc => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Upgrades from each older format to the next. Version 1 was the issue's own wording (flat keys:
 * `services`, `texts.ticketHeader/ticketFooter`, `retentionHours`, `paymentAccount`); version 2
 * uses the kiosk config's paths. Keys a step does not know pass through, for the schema to name.
 */
const UPGRADES: Readonly<Record<number, (doc: Doc) => Doc>> = {
  1: (doc) => {
    const { services, texts, retentionHours, paymentAccount, ...rest } = doc;
    const out: Doc = { ...rest };
    if (services !== undefined) out['queue'] = { services };
    if (isPlainObject(texts)) {
      const { ticketHeader, ticketFooter, ...otherTexts } = texts;
      out['printer'] = { ...otherTexts, ...(ticketHeader === undefined ? {} : { header: ticketHeader }), ...(ticketFooter === undefined ? {} : { footer: ticketFooter }) };
    } else if (texts !== undefined) out['printer'] = texts;
    if (retentionHours !== undefined) out['privacy'] = { retentionHours };
    if (paymentAccount !== undefined) out['payment'] = { vietqr: paymentAccount };
    return out;
  },
};

export type CentralCheck = { ok: true; document: CentralConfig } | { ok: false; problems: string[] };

/** Each zod issue as `path: message` (the field named, then what was expected). */
export function issueLines(issues: readonly z.core.$ZodIssue[]): string[] {
  return issues.map((issue) => {
    const field = issue.path.length ? issue.path.join('.') : '(root)';
    // zod names the unknown keys; say why they are refused.
    const why = issue.code === 'unrecognized_keys' ? ' (not centrally settable)' : '';
    return `${field}: ${issue.message}${why}`;
  });
}

/**
 * A raw central document, upgraded to the current format and validated. A document newer than
 * this code is refused in words an operator can act on: update the kiosk.
 */
export function migrateCentralConfig(raw: unknown): CentralCheck {
  if (!isPlainObject(raw)) return { ok: false, problems: ['(root): expected a JSON object'] };
  const version = raw['schemaVersion'];
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    return { ok: false, problems: [`schemaVersion: expected a whole number from 1 to ${CENTRAL_CONFIG_SCHEMA_VERSION}`] };
  }
  if (version > CENTRAL_CONFIG_SCHEMA_VERSION) {
    return {
      ok: false,
      problems: [`schemaVersion: ${version} is newer than this kiosk understands (${CENTRAL_CONFIG_SCHEMA_VERSION}); update the kiosk`],
    };
  }
  let doc: Doc = raw;
  for (let v = version; v < CENTRAL_CONFIG_SCHEMA_VERSION; v++) {
    const step = UPGRADES[v];
    if (!step) return { ok: false, problems: [`schemaVersion: no upgrade from ${v}`] };
    doc = { ...step(doc), schemaVersion: v + 1 };
  }
  const parsed = CentralConfigSchema.safeParse(doc);
  return parsed.success ? { ok: true, document: parsed.data } : { ok: false, problems: issueLines(parsed.error.issues) };
}

/** Deep-merges documents: objects key by key, arrays and scalars of `over` replace those of `base`. */
export function mergeCentralConfig(base: CentralConfig, over: CentralConfig): CentralConfig {
  return mergeDeep(base, over) as CentralConfig;
}

function mergeDeep(base: unknown, over: unknown): unknown {
  if (!isPlainObject(base) || !isPlainObject(over)) return over === undefined ? base : over;
  const out: Doc = { ...base };
  for (const [key, value] of Object.entries(over)) out[key] = mergeDeep(base[key], value);
  return out;
}

/** The settings of a document, to lay over the kiosk config (which has no `schemaVersion`). */
export function centralSettings(document: CentralConfig): Omit<CentralConfig, 'schemaVersion'> {
  const { schemaVersion: _version, ...settings } = document;
  return settings;
}
