import { z } from 'zod';
import { DeliveryOptionSchema } from './catalog';
import { LanguageSchema, LocalizedTextSchema } from './dto';

/** Citizen-typed text: bounded so a 5 MB paste is refused at the door, not stored. */
const text = (max: number) => z.string().max(max, `at most ${max} characters`);
const IsoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date written YYYY-MM-DD');

export const SessionIdSchema = z.string().uuid();

export const ApplicantSchema = z
  .object({
    fullName: text(100),
    idNumber: text(32),
    birthDate: IsoDay.nullable(),
    sex: z.enum(['male', 'female']).nullable(),
    address: text(250),
    /** cccd_qr: read from the ID card's QR and confirmed; typed: entered on the keyboard. */
    source: z.enum(['cccd_qr', 'typed']),
  })
  .strict();
export type Applicant = z.infer<typeof ApplicantSchema>;

/** Someone submitting on the applicant's behalf (ủy quyền). */
export const RepresentativeSchema = z
  .object({ fullName: text(100), idNumber: text(32), relation: text(100) })
  .strict();

export const DraftDocumentSchema = z.discriminatedUnion('kind', [
  z
    .object({
      documentId: text(40),
      kind: z.literal('scanned'),
      /** Page ids returned by stageScannedPage, in reading order. */
      pageIds: z.array(z.string().uuid()).min(1).max(50),
    })
    .strict(),
  z.object({ documentId: text(40), kind: z.literal('paper_at_counter') }).strict(),
]);
export type DraftDocument = z.infer<typeof DraftDocumentSchema>;

export const DossierDraftSchema = z
  .object({
    sessionId: SessionIdSchema,
    procedureCode: text(64),
    language: LanguageSchema,
    applicant: ApplicantSchema,
    representative: RepresentativeSchema.nullable(),
    contact: z.object({ phone: text(20).nullable(), email: text(254).nullable() }).strict(),
    formValues: z.record(text(40), text(5000)).refine((v) => Object.keys(v).length <= 100, 'at most 100 fields'),
    documents: z.array(DraftDocumentSchema).max(40),
    delivery: z.object({ method: DeliveryOptionSchema, postalAddress: text(250).nullable() }).strict(),
    consent: z.object({ textVersion: text(64).min(1), agreed: z.literal(true) }).strict(),
  })
  .strict();
export type DossierDraft = z.infer<typeof DossierDraftSchema>;

/** One thing wrong with a draft, with the field it belongs to so the screen can show it inline. */
export const DraftProblemSchema = z.object({ path: z.string(), message: LocalizedTextSchema });
export type DraftProblem = z.infer<typeof DraftProblemSchema>;

export const StagedPageSchema = z.object({
  pageId: z.string().uuid(),
  byteSize: z.number().int(),
  sha256: z.string(),
  mediaType: z.enum(['image/png', 'image/jpeg', 'application/pdf']),
});
export type StagedPage = z.infer<typeof StagedPageSchema>;

export const ReceiptDocumentSchema = z.object({
  name: LocalizedTextSchema,
  form: LocalizedTextSchema,
  copies: z.number().int(),
  kind: z.enum(['scanned', 'paper_at_counter']),
  pageCount: z.number().int(),
});

/** Form 01 (receipt and appointment slip) as data: the screen, the paper and the PDF show this. */
export const ReceiptSchema = z.object({
  dossierId: z.string(),
  /** The code to look the dossier up with: the official one when known, else the provisional one. */
  code: z.string(),
  provisional: z.boolean(),
  provisionalCode: z.string().nullable(),
  officialCode: z.string().nullable(),
  qrText: z.string(),
  agencyName: LocalizedTextSchema,
  centerName: LocalizedTextSchema,
  applicantName: z.string(),
  applicantAddress: z.string(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  representativeName: z.string().nullable(),
  procedureCode: z.string(),
  procedureName: LocalizedTextSchema,
  documents: z.array(ReceiptDocumentSchema),
  processingDays: z.number().int(),
  receivedAt: z.string(),
  receivedAtText: z.string(),
  appointmentAt: z.string(),
  appointmentAtText: z.string(),
  delivery: DeliveryOptionSchema,
  postalAddress: z.string().nullable(),
  terminalId: z.string(),
});
export type Receipt = z.infer<typeof ReceiptSchema>;

export const SubmitOutcomeSchema = z.object({
  receipt: ReceiptSchema,
  printed: z.boolean(),
  /** When the paper did not come out: what went wrong and how to get the receipt again. */
  printError: LocalizedTextSchema.nullable(),
  pdfSaved: z.boolean(),
});
export type SubmitOutcome = z.infer<typeof SubmitOutcomeSchema>;

export const StatusEntrySchema = z.object({
  status: z.number().int().min(1).max(10),
  label: LocalizedTextSchema,
  at: z.string(),
  atText: z.string(),
});

export const LookupResultSchema = z.object({
  code: z.string(),
  provisional: z.boolean(),
  procedureName: LocalizedTextSchema,
  receivedAtText: z.string(),
  appointmentAtText: z.string(),
  status: StatusEntrySchema,
  history: z.array(StatusEntrySchema),
  /** The kiosk erased the applicant's personal data after delivery (decision 0022). */
  personalDataErased: z.boolean().optional(),
  /** portal: asked just now; kiosk: the last status the kiosk knew (offline, or not delivered yet). */
  statusSource: z.enum(['portal', 'kiosk']).optional(),
});
export type LookupResult = z.infer<typeof LookupResultSchema>;

/** Dossier status codes 1–10 as one-stop systems use them (DOMAIN.md), in plain words. */
export const dossierStatusLabels: Readonly<Record<number, { vi: string; en: string }>> = {
  1: { vi: 'Mới tiếp nhận', en: 'Newly submitted' },
  2: { vi: 'Đã tiếp nhận hồ sơ', en: 'Accepted' },
  3: { vi: 'Không tiếp nhận', en: 'Not accepted' },
  4: { vi: 'Đang xử lý', en: 'Being processed' },
  5: { vi: 'Yêu cầu bổ sung hồ sơ', en: 'More documents requested' },
  6: { vi: 'Chờ nộp phí, lệ phí, thuế', en: 'Fee or tax due' },
  7: { vi: 'Công dân đã rút hồ sơ', en: 'Withdrawn by the citizen' },
  8: { vi: 'Dừng xử lý', en: 'Processing stopped' },
  9: { vi: 'Đã có kết quả', en: 'Result ready' },
  10: { vi: 'Đã trả kết quả', en: 'Result returned' },
};

/** Requests of the dossier methods (wired into the contract's method map). */
export const dossierRequests = {
  beginDossier: z.object({ procedureCode: text(64) }).strict(),
  stageScannedPage: z
    .object({
      sessionId: SessionIdSchema,
      mediaType: z.enum(['image/png', 'image/jpeg', 'application/pdf']),
      /** The page image; the browser host carries at most 1 MiB per message. */
      dataBase64: z.string().max(900_000, 'a page image of at most 650 KB'),
    })
    .strict(),
  discardStagedPage: z.object({ sessionId: SessionIdSchema, pageId: z.string().uuid() }).strict(),
  cancelDossier: z.object({ sessionId: SessionIdSchema }).strict(),
  validateDossierDraft: z.object({ draft: DossierDraftSchema }).strict(),
  submitDossier: z.object({ draft: DossierDraftSchema }).strict(),
  getReceipt: z.object({ dossierId: z.string().uuid(), language: LanguageSchema }).strict(),
  reprintReceipt: z.object({ dossierId: z.string().uuid(), language: LanguageSchema }).strict(),
  lookupDossier: z
    .object({ code: text(64), idLast4: z.string().regex(/^\d{4}$/, '4 digits'), language: LanguageSchema.optional() })
    .strict(),
} as const;
