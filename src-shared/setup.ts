import { z } from 'zod';
import { PinFieldSchema, withSession } from './staff-access';

/**
 * The first-start set-up wizard and its redo from the IT menu (issue #19, decision 0040). Each
 * step is checked in main; a problem comes back as a reason code the renderer words in both
 * languages (i18n `setup.reasons.*`), the field it belongs to, and main's technical text.
 */

/** As `terminal.id` in the kiosk configuration (src-main/kernel/center.ts). */
export const TERMINAL_ID_PATTERN = /^[A-Za-z0-9-]{1,32}$/;

export const SetupReasonSchema = z.enum([
  'terminal-id-invalid',
  'center-name-missing',
  'portal-url-invalid',
  'portal-not-https',
  'portal-unreachable',
  'token-missing',
  'token-refused',
  'token-expired',
  'token-used',
  'token-other-terminal',
  'portal-refused',
  'qr-none',
  'qr-not-setup',
  'qr-citizen-id',
  'qr-invalid',
  'printer-host-invalid',
  'printer-device-missing',
  'printer-spooler-needs-electron',
  /** Electron: the system printer is tried through the kiosk's own window, once it runs with it. */
  'printer-spooler-after-restart',
  'printer-failed',
  'scanner-no-scan',
  'scanner-failed',
  'docscan-failed',
  'pin-invalid',
  'pins-same',
  'pin-missing',
  'config-invalid',
  'write-failed',
  /** The call itself failed (the IT session ended, the kiosk restarting): the renderer's own. */
  'no-answer',
]);
export type SetupReason = z.infer<typeof SetupReasonSchema>;

export const SetupProblemSchema = z.strictObject({
  valid: z.literal(false),
  reason: SetupReasonSchema,
  /** The draft's field the problem is in (`center.terminalId`, `portal.enrollmentToken`, ...). */
  field: z.string(),
  /** Main's own words (an OS error, the portal's answer): shown folded, for whoever fixes it. */
  detail: z.string().nullable(),
});
export type SetupProblem = z.infer<typeof SetupProblemSchema>;

/** A step's answer: valid with what it found, or the problem. */
const checked = <T extends z.ZodTypeAny>(value: T) => z.discriminatedUnion('valid', [z.strictObject({ valid: z.literal(true), value }), SetupProblemSchema]);

const text = (max: number) => z.string().max(max);

export const SetupCenterSchema = z.strictObject({
  terminalId: text(100),
  centerName: z.strictObject({ vi: text(200), en: text(200) }),
});
export type SetupCenter = z.infer<typeof SetupCenterSchema>;

export const SetupPortalSchema = z.discriminatedUnion('mode', [
  z.strictObject({ mode: z.literal('offline') }),
  z.strictObject({ mode: z.literal('portal'), portalUrl: text(500), enrollmentToken: text(500) }),
]);
export type SetupPortal = z.infer<typeof SetupPortalSchema>;

export const SetupPrinterSchema = z.strictObject({
  driver: z.enum(['virtual', 'tcp', 'device-file', 'spooler']),
  host: text(253),
  port: z.number().int().min(1).max(65535),
  devicePath: text(200),
  paperWidthDots: z.literal([576, 384]),
});
export type SetupPrinter = z.infer<typeof SetupPrinterSchema>;

export const SetupBarcodeScannerSchema = z.strictObject({
  driver: z.enum(['virtual', 'hid']),
  vendorId: z.number().int().min(0).max(0xffff),
  productId: z.number().int().min(0).max(0xffff),
});
export type SetupBarcodeScanner = z.infer<typeof SetupBarcodeScannerSchema>;

export const SetupDocumentScannerSchema = z.strictObject({
  driver: z.enum(['virtual', 'sane']),
  /** A `scanimage -L` device name; empty: the first one found. */
  device: text(200),
});
export type SetupDocumentScanner = z.infer<typeof SetupDocumentScannerSchema>;

/** Everything the wizard sets in config.json (the rest stays as it is, embedded defaults underneath). */
export const SetupDraftSchema = z.strictObject({
  center: SetupCenterSchema,
  portal: SetupPortalSchema,
  printer: SetupPrinterSchema,
  barcodeScanner: SetupBarcodeScannerSchema,
  documentScanner: SetupDocumentScannerSchema,
});
export type SetupDraft = z.infer<typeof SetupDraftSchema>;

export const SetupStateSchema = z.strictObject({
  /** `first-start`: no config.json yet; `redo`: opened from the IT menu of a configured kiosk. */
  mode: z.enum(['first-start', 'redo']),
  draft: SetupDraftSchema,
  host: z.enum(['electron', 'web']),
  staffPinSet: z.boolean(),
});
export type SetupState = z.infer<typeof SetupStateSchema>;

export const SetupPortalFoundSchema = z.strictObject({ centerId: z.string(), agencyCode: z.string(), timeZone: z.string() });
export const SetupQrReadSchema = z.strictObject({
  portalUrl: z.string(),
  enrollmentToken: z.string(),
  terminalId: z.string().nullable(),
  expiresAt: z.string().nullable(),
});
export const HidDeviceSchema = z.strictObject({
  vendorId: z.number().int(),
  productId: z.number().int(),
  product: z.string().nullable(),
  manufacturer: z.string().nullable(),
  /** The HID-POS usage page: a barcode scanner rather than a keyboard or a mouse. */
  barcodeScanner: z.boolean(),
});
export type HidDevice = z.infer<typeof HidDeviceSchema>;
export const SetupDevicesSchema = z.strictObject({
  /** /dev/usb/lp* present now. */
  printerDeviceFiles: z.array(z.string()),
  /** The system's printer queue is reachable only from the Electron host. */
  spoolerAvailable: z.boolean(),
  hid: z.array(HidDeviceSchema),
  /** Why no HID device could be listed (node-hid missing, no permission); null when listed. */
  hidProblem: z.string().nullable(),
  documentScanners: z.array(z.strictObject({ name: z.string(), description: z.string() })),
  documentScannerProblem: z.string().nullable(),
});
export type SetupDevices = z.infer<typeof SetupDevicesSchema>;
export const SetupScanReadSchema = z.strictObject({
  kind: z.enum(['cccd', 'receipt', 'dossier-code', 'setup-code', 'unknown']),
  length: z.number().int().min(0),
  /** What was read, for a technician; a citizen's card only masked. */
  shown: z.string(),
});
export const SetupPageSchema = z.strictObject({ widthPx: z.number(), heightPx: z.number(), dpi: z.number(), thumbnail: z.string() });

export const setupMethods = {
  /** The draft prefilled from the running configuration, and whether this is the first start. */
  getSetupState: { request: withSession({}), response: SetupStateSchema },
  checkSetupCenter: { request: withSession({ center: SetupCenterSchema }), response: checked(z.strictObject({})) },
  /** A trial enrollment with the portal: reachable, https, token accepted; what the portal says of the center. */
  checkSetupPortal: { request: withSession({ portal: SetupPortalSchema, terminalId: text(100) }), response: checked(SetupPortalFoundSchema.nullable()) },
  /** Waits up to 20 s for the portal's set-up QR on the barcode scanner. */
  /** Waits for the set-up QR on the HID scanners; or reads `wedgeText`, what a keyboard-wedge scanner typed. */
  readSetupQr: { request: withSession({ wedgeText: z.string().max(20_000).optional() }), response: checked(SetupQrReadSchema) },
  listSetupDevices: { request: withSession({}), response: SetupDevicesSchema },
  /** A test page through a printer built from the candidate settings, not the running one. */
  testSetupPrinter: { request: withSession({ printer: SetupPrinterSchema }), response: checked(z.strictObject({})) },
  /** Waits up to 20 s for one scan on the candidate scanner. */
  testSetupBarcodeScanner: { request: withSession({ barcodeScanner: SetupBarcodeScannerSchema }), response: checked(SetupScanReadSchema) },
  /** One page from the candidate document scanner. */
  testSetupDocumentScanner: { request: withSession({ documentScanner: SetupDocumentScannerSchema }), response: checked(SetupPageSchema) },
  /**
   * Checks the whole draft again, writes config.json atomically, sets the staff PIN (null: keep),
   * then starts the kiosk anew from it. Any problem: nothing written.
   */
  finishSetup: { request: withSession({ draft: SetupDraftSchema, staffPin: PinFieldSchema.nullable() }), response: checked(z.strictObject({})) },
} as const;
