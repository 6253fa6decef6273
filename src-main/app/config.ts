import { z } from 'zod';
import { LanguageSchema } from '../../src-shared/dto';
import { CatalogConfigSchema } from '../catalog/catalog-config';
import { BarcodeScannerConfigSchema } from '../devices/scanner/scanner-config';
import { DossierConfigSchema, HolidaysSchema } from '../dossier/dossier-config';
import { CenterConfigSchema, TerminalConfigSchema } from '../kernel/center';
import { QueueConfigSchema } from '../queue/queue-config';
import { DocumentScannerConfigSchema } from '../devices/docscan/docscan-config';
import { PaymentConfigSchema } from '../payment/payment-config';
import { PrivacyConfigSchema } from '../privacy/privacy-config';
import { StorageConfigSchema } from '../storage/storage-config';
import { SyncConfigSchema } from '../sync/sync-config';
import { SpeechConfigSchema } from '../devices/speech/speech-config';
import { DiagnosticsConfigSchema } from '../diagnostics/diagnostics-config';
import { IdleConfigSchema, PrinterTextSchema } from '../../src-shared/central-config';

export const ConfigSchema = z
  .object({
    center: CenterConfigSchema,
    terminal: TerminalConfigSchema,
    language: LanguageSchema.default('vi'),
    queue: QueueConfigSchema,
    idle: IdleConfigSchema,
    devices: z
      .object({
        healthPollSeconds: z.number().min(0.2).max(300).default(5),
        scanner: BarcodeScannerConfigSchema,
        /** Document scanner: virtual (sample pages) or SANE's scanimage. */
        documentScanner: DocumentScannerConfigSchema,
        /** The audio guide's synthesizer: virtual (records, beeps) or espeak-ng. */
        speech: SpeechConfigSchema,
      })
      .prefault({}),
    catalog: CatalogConfigSchema,
    /** Public holidays and make-up days off (YYYY-MM-DD), skipped when counting working days. */
    holidays: HolidaysSchema,
    dossier: DossierConfigSchema,
    /** The provincial portal (Kiosk Sync API, docs/sync-api.yaml); portalUrl null = offline-only. */
    sync: SyncConfigSchema,
    /** Fees paid by VietQR to the center's account; `payment.vietqr` null = pay at the counter. */
    payment: PaymentConfigSchema,
    /** Personal data on the terminal: erased `retentionHours` after the portal acknowledged it (decision 0022). */
    privacy: PrivacyConfigSchema,
    /** Free space the data folder must keep (staff alert and no scanning under it). */
    storage: StorageConfigSchema,
    /** Daily log files in <data dir>/logs: days kept, and a total size (oldest removed first). */
    logs: z
      .object({
        keepDays: z.number().int().min(1).max(3650).default(30),
        maxMegabytes: z.number().min(1).max(100_000).default(200),
      })
      .prefault({}),
    /** IT diagnostics and log export: where USB drives are looked for (decision 0030). */
    diagnostics: DiagnosticsConfigSchema,
    printer: z.object({
      /**
       * virtual: decodes to PNG in <data dir>/prints; tcp: network printer; device-file: /dev/usb/lp*;
       * spooler: the operating system's printer queue (Electron host only).
       */
      driver: z.enum(['virtual', 'tcp', 'device-file', 'spooler']).default('virtual'),
      tcp: z
        .object({
          host: z.string().min(1).default('192.168.1.100'),
          port: z.number().int().min(1).max(65535).default(9100),
          connectTimeoutMs: z.number().int().min(100).max(60_000).default(3000),
          ioTimeoutMs: z.number().int().min(100).max(60_000).default(5000),
        })
        .prefault({}),
      deviceFile: z.object({ path: z.string().min(1).default('/dev/usb/lp0') }).prefault({}),
      spooler: z
        .object({
          /** The system (CUPS/Windows) printer name; empty: the system default printer. */
          deviceName: z.string().default(''),
          paper: z
            .discriminatedUnion('kind', [
              z.strictObject({ kind: z.literal('roll'), widthMm: z.literal([58, 80]) }),
              z.strictObject({ kind: z.literal('sheet'), size: z.enum(['A4', 'A5']) }),
            ])
            .default({ kind: 'roll', widthMm: 80 }),
        })
        .prefault({}),
      paperWidthDots: z.literal([576, 384], { error: 'expected 576 (80 mm paper) or 384 (58 mm paper)' }).default(576),
      header: PrinterTextSchema.default(''),
      footer: PrinterTextSchema.default(''),
      /** virtual driver: PNG images kept in <data dir>/prints; the oldest are removed first. */
      virtualKeepImages: z.number().int().min(1).max(100_000).default(300),
    }),
  })
  .strict();
export type KioskConfig = z.infer<typeof ConfigSchema>;

export class ConfigError extends Error {}

/** Deep-merges plain objects; arrays and scalars from `override` replace those of `base`. */
export function mergeConfig(base: unknown, override: unknown): unknown {
  if (!isPlainObject(base) || !isPlainObject(override)) return override === undefined ? base : override;
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(override)) out[key] = mergeConfig(base[key], value);
  return out;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Validates a merged config; the error names each bad field and what was expected. */
export function parseConfig(raw: unknown, source: string): KioskConfig {
  const result = ConfigSchema.safeParse(raw);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => {
    const field = issue.path.length ? issue.path.join('.') : '(root)';
    return `  ${field}: ${issue.message}`;
  });
  throw new ConfigError(`Invalid configuration (${source}):\n${lines.join('\n')}`);
}
