import { z } from 'zod';

/**
 * What a scan turned into, as it crosses the contract (event `scan`, method `submitWedgeScan`).
 * The parsers in src-main/scan take their types from here.
 *
 * Personal data (Decree 13/2023): a CCCD event carries the card's identity fields and nothing
 * else (the QR holds no ethnicity or religion, and the schema is strict so none can be added on
 * the way). Messages never contain personal data: they may be logged.
 */

/** Same shape as `LocalizedTextSchema` in src-shared/dto.ts: plain words for the citizen. */
export const ScanMessageSchema = z.strictObject({ vi: z.string().min(1), en: z.string().min(1) });
export type ScanMessage = z.infer<typeof ScanMessageSchema>;

/** An existing calendar date, `YYYY-MM-DD`. */
const IsoDateSchema = z.iso.date();

export const CccdIdentitySchema = z.strictObject({
  /** Personal identification number: 12 digits. */
  idNumber: z.string().regex(/^\d{12}$/),
  /** The old 9-digit CMND number, when the card lists one. */
  oldIdNumber: z.string().regex(/^\d{9}$/).nullable(),
  /** NFC, trimmed, single spaces. */
  fullName: z.string().min(1),
  birthDate: IsoDateSchema,
  sex: z.enum(['male', 'female']),
  /** Permanent address, NFC, trimmed, single spaces. */
  address: z.string().min(1),
  issueDate: IsoDateSchema,
});
export type CccdIdentity = z.infer<typeof CccdIdentitySchema>;

/** Official code `AGENCY-YYMMDD-XXXX` (Circular 01/2018/TT-VPCP, Art. 19). */
export const OfficialDossierCodeSchema = z.strictObject({
  provisional: z.literal(false),
  /** The receiving agency's electronic identifier, opaque: 1–35 of `[0-9A-Z.]`. */
  agency: z.string().regex(/^[0-9A-Z.]{1,35}$/),
  /** Receiving date, 20YY. */
  date: IsoDateSchema,
  /** 0–9999, printed as 4 digits. */
  sequence: z.number().int().min(0).max(9999),
});

/**
 * Provisional code `TAM-<TERMINAL>-YYMMDD-XXXX`, printed by an offline kiosk (decision 0011).
 * The terminal is the configured terminal id in capitals: 1–32 of `[A-Z0-9-]`, no dash at
 * either end or twice in a row.
 */
export const ProvisionalDossierCodeSchema = z.strictObject({
  provisional: z.literal(true),
  terminal: z.string().max(32).regex(/^[A-Z0-9]+(?:-[A-Z0-9]+)*$/),
  date: IsoDateSchema,
  sequence: z.number().int().min(0).max(9999),
});

export const DossierCodePartsSchema = z.discriminatedUnion('provisional', [
  OfficialDossierCodeSchema,
  ProvisionalDossierCodeSchema,
]);
export type OfficialDossierCode = z.infer<typeof OfficialDossierCodeSchema>;
export type ProvisionalDossierCode = z.infer<typeof ProvisionalDossierCodeSchema>;
export type DossierCodeParts = z.infer<typeof DossierCodePartsSchema>;

/** Why a scan gave nothing usable. The CCCD reasons pass through; `unrecognized` is "none of ours". */
export const unknownScanReasons = [
  'too_long',
  'not_cccd',
  'garbled',
  'invalid_id',
  'invalid_date',
  'invalid_sex',
  'invalid_receipt',
  'invalid_dossier_code',
  'unrecognized',
] as const;
export const UnknownScanReasonSchema = z.enum(unknownScanReasons);
export type UnknownScanReason = z.infer<typeof UnknownScanReasonSchema>;

/** The dossier code as printed (`dossierCode`) and its parts. */
const dossierFields = {
  dossierCode: z.string().min(1).max(64),
  parts: DossierCodePartsSchema,
};

export const ScanEventSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('cccd'), identity: CccdIdentitySchema }),
  /** Our receipt's QR (`MOTCUA1|<code>|<check>`), check verified. */
  z.strictObject({ kind: z.literal('receipt'), ...dossierFields }),
  /** A bare dossier code (a barcode, or the QR of another system's receipt). */
  z.strictObject({ kind: z.literal('dossier-code'), ...dossierFields }),
  z.strictObject({ kind: z.literal('unknown'), reason: UnknownScanReasonSchema, message: ScanMessageSchema }),
]);
export type ScanEvent = z.infer<typeof ScanEventSchema>;

/** The last scan the kiosk read, for the staff panel's "test read". */
export const LastScanSchema = z.strictObject({
  event: ScanEventSchema,
  /** `scanner`: a HID-POS or the virtual scanner; `wedge`: a keyboard-mode scanner seen by the renderer. */
  source: z.enum(['scanner', 'wedge']),
  at: z.string(),
});
export type LastScan = z.infer<typeof LastScanSchema>;
