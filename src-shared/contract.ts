import { z } from 'zod';
import {
  DeviceHealthSchema,
  KioskInfoSchema,
  LanguageSchema,
  PrioritySchema,
  QueueServiceSchema,
  QueueSummarySchema,
  TicketSchema,
} from './dto';
import type { Reply } from './errors';
import {
  CatalogInfoSchema,
  FieldSummarySchema,
  ProcedureDetailSchema,
  ProcedureSummarySchema,
  SearchResultSchema,
} from './catalog';
import { ScanEventSchema } from './scan';
import { LinkStateEventSchema, LinkStateSchema, ParkedRowSchema, SyncStatusSchema, syncRequests } from './sync';
import { DeviceStatusSchema, StaffAlertSchema, TestPrintResultSchema } from './staff';
import {
  DraftProblemSchema,
  dossierRequests,
  LookupResultSchema,
  ReceiptSchema,
  StagedPageSchema,
  SubmitOutcomeSchema,
} from './dossier';
import { PaymentOfferSchema, paymentRequests, PaymentStatusSchema, StartedPaymentSchema } from './payment';
import { ScanDocumentPagesRequestSchema, ScanDocumentPagesResponseSchema, ScanProgressSchema } from './dossier-scan';
import {
  GrantedSessionSchema,
  LoginResultSchema,
  sessionOnly,
  StaffAccessStateSchema,
  staffAccessRequests,
  TestReadSchema,
} from './staff-access';
import { DayReportSchema, dayReportRequests, PrintedDayReportSchema } from './report';
import { OutboxRowSchema, PrinterRefilledSchema, ReceiptReprintSchema, staffWorkRequests } from './staff-work';
import { RatingTargetCheckSchema, ratingRequests, SubmittedRatingSchema } from './rating';
import { SpeakRequestSchema, SpokenAudioSchema } from './speech';
import { diagnosticsRequests, DiagnosticsSchema, ExportMountSchema, LogExportResultSchema } from './diagnostics';
import { setupMethods } from './setup';

const PrintOutcomeSchema = z.object({ printed: z.boolean(), printError: z.string().nullable() });
const empty = z.object({}).strict();

/** Every request the renderer may make: name → request and response schemas. */
export const methods = {
  getInfo: { request: z.object({}).strict(), response: KioskInfoSchema },
  listQueueServices: { request: z.object({}).strict(), response: z.array(QueueServiceSchema) },
  getQueueSummary: { request: z.object({}).strict(), response: QueueSummarySchema },
  takeTicket: {
    request: z
      .object({ serviceId: z.string().min(1).max(64), priority: PrioritySchema, language: LanguageSchema })
      .strict(),
    response: TicketSchema,
  },
  reprintTicket: {
    request: z.object({ ticketId: z.string().uuid(), language: LanguageSchema }).strict(),
    response: TicketSchema,
  },
  getCatalogInfo: { request: empty, response: CatalogInfoSchema },
  listFields: { request: empty, response: z.array(FieldSummarySchema) },
  listProcedures: {
    request: z.object({ fieldCode: z.string().min(1).max(64) }).strict(),
    response: z.array(ProcedureSummarySchema),
  },
  getProcedure: { request: z.object({ code: z.string().min(1).max(64) }).strict(), response: ProcedureDetailSchema },
  /** Any text the citizen typed or pasted; the core reads at most its first 200 characters. */
  searchProcedures: { request: z.object({ query: z.string().max(100_000) }).strict(), response: SearchResultSchema },
  printChecklist: {
    request: z.object({ code: z.string().min(1).max(64), language: LanguageSchema }).strict(),
    response: PrintOutcomeSchema,
  },
  /** Text a keyboard-mode scanner typed, caught by the renderer; classified like any scan. */
  submitWedgeScan: { request: z.object({ text: z.string().max(100_000) }).strict(), response: ScanEventSchema },
  /** The render proof: the renderer painted this screen (its testid) just now (issue #19). */
  reportRendered: { request: z.strictObject({ screen: z.string().regex(/^[a-z0-9-]{1,64}$/) }), response: z.strictObject({ recorded: z.boolean() }) },
  /** Staff "test read": the last scan of the current citizen session, masked in main. */
  getLastScan: { request: sessionOnly, response: TestReadSchema.nullable() },
  /** Staff panel: each device's health and last problem. */
  getDeviceStatus: { request: sessionOnly, response: z.array(DeviceStatusSchema) },
  listStaffAlerts: { request: sessionOnly, response: z.array(StaffAlertSchema) },
  /** Prints a short test page on the configured printer. */
  testPrint: { request: sessionOnly, response: TestPrintResultSchema },
  /** Scans one page on the document scanner (H3's driver); thumbnails are data:image/png;base64 URLs. */
  testDocumentScan: {
    request: sessionOnly,
    response: z.object({
      pageCount: z.number(),
      pdfBytes: z.number(),
      thumbnails: z.array(z.string()),
      durationMs: z.number(),
    }),
  },
  // Dossier submission (src-shared/dossier.ts): a session holds the scanned pages until submit or cancel.
  beginDossier: { request: dossierRequests.beginDossier, response: z.object({ sessionId: z.string() }) },
  stageScannedPage: { request: dossierRequests.stageScannedPage, response: StagedPageSchema },
  discardStagedPage: { request: dossierRequests.discardStagedPage, response: z.object({ removed: z.boolean() }) },
  cancelDossier: { request: dossierRequests.cancelDossier, response: z.object({ cancelled: z.boolean() }) },
  validateDossierDraft: { request: dossierRequests.validateDossierDraft, response: z.array(DraftProblemSchema) },
  submitDossier: { request: dossierRequests.submitDossier, response: SubmitOutcomeSchema },
  getReceipt: { request: dossierRequests.getReceipt, response: ReceiptSchema.extend({ pdfPath: z.string().nullable() }) },
  reprintReceipt: { request: dossierRequests.reprintReceipt, response: SubmitOutcomeSchema.pick({ printed: true, printError: true }) },
  /** With the dossier's fee payment, when there is one. */
  lookupDossier: { request: dossierRequests.lookupDossier, response: LookupResultSchema.extend({ payment: PaymentStatusSchema.nullable() }) },
  /** Staff panel: the link to the portal, outbox depth, age of the oldest pending item, last error. */
  getSyncStatus: { request: sessionOnly, response: SyncStatusSchema },
  /** Staff panel: the outbox rows set aside, latest first, each with its reason. */
  listParkedRows: { request: sessionOnly, response: z.array(ParkedRowSchema) },
  /** Staff panel: sends a parked row again; false when it was no longer parked. */
  retryParkedRow: { request: syncRequests.retryParkedRow.extend(sessionOnly.shape), response: z.object({ requeued: z.boolean() }) },
  /** Scans one required document on the document scanner straight into the session; progress as `scanProgress`. */
  scanDocumentPages: { request: ScanDocumentPagesRequestSchema, response: ScanDocumentPagesResponseSchema },
  // Fee payment by VietQR (src-shared/payment.ts): the amount comes from the catalog in main.
  getPaymentOffer: { request: paymentRequests.getPaymentOffer, response: PaymentOfferSchema },
  /** Starts (or finds again) the dossier's payment: the same pending payment however often it is asked. */
  startPayment: { request: paymentRequests.startPayment, response: StartedPaymentSchema },
  /** The payment's state; while pending, the portal is asked first (bounded wait). */
  getPaymentStatus: { request: paymentRequests.getPaymentStatus, response: PaymentStatusSchema },
  // Roles (src-shared/staff-access.ts, src-shared/method-roles.ts, decision 0021).
  /** The header's link dot: only the state, for anyone. */
  getLinkState: { request: empty, response: LinkStateSchema },
  /** The staff corner's discreet dot: how many staff alerts are open, nothing about them. */
  getStaffAlertBadge: { request: empty, response: z.strictObject({ open: z.number().int().min(0) }) },
  /** A citizen session starts or is wiped: any staff session ends and the last scan is forgotten. */
  startCitizenSession: { request: empty, response: empty },
  endCitizenSession: { request: empty, response: empty },
  /** Which PINs are set and whether entry is locked, for the PIN pad. */
  getStaffAccess: { request: empty, response: StaffAccessStateSchema },
  loginStaff: { request: staffAccessRequests.loginStaff, response: LoginResultSchema },
  /** Only on a terminal with no IT PIN yet: sets it and opens an IT session. */
  setupFirstItPin: { request: staffAccessRequests.setupFirstItPin, response: GrantedSessionSchema },
  /** Staff activity without another call: keeps the session from its idle end. */
  touchStaffSession: { request: sessionOnly, response: z.strictObject({ idleSeconds: z.number().int().positive() }) },
  logoutStaff: { request: sessionOnly, response: z.strictObject({ loggedOut: z.boolean() }) },
  setStaffPin: { request: staffAccessRequests.setStaffPin, response: empty },
  setItPin: { request: staffAccessRequests.setItPin, response: empty },
  // The day report (src-shared/report.ts, decision 0028): the terminal's figures for one local day.
  getDayReport: { request: dayReportRequests.getDayReport, response: DayReportSchema },
  /** Prints the day report on the ticket printer and writes it as an A4 PDF in the data folder's reports/. */
  printDayReport: { request: dayReportRequests.printDayReport, response: PrintedDayReportSchema },
  // Staff-assisted work (src-shared/staff-work.ts, issue #21); audited in main with the role.
  /** Prints today's last ticket from this terminal again. */
  reprintLastTicket: { request: staffWorkRequests.reprintLastTicket, response: TicketSchema },
  reprintReceiptByCode: { request: staffWorkRequests.reprintReceiptByCode, response: ReceiptReprintSchema },
  /** The outbox rows not yet delivered (pending, running, parked), oldest first. */
  listOutbox: { request: sessionOnly, response: z.array(OutboxRowSchema) },
  /** Staff put paper in: the printer is asked again (the virtual one believes them) and its alert resolves. */
  markPrinterRefilled: { request: sessionOnly, response: PrinterRefilledSchema },
  /** A ticket issued by staff for a citizen who cannot use the screen; the staff session stays open. */
  takeTicketForCitizen: { request: staffWorkRequests.takeTicketForCitizen, response: TicketSchema },
  // Satisfaction rating (src-shared/rating.ts, decision 0031): optional, one per subject, no personal data.
  /** Whether this receipt's visit, dossier (by code) or today's ticket may be rated, and with which indices. */
  checkRatingTarget: { request: ratingRequests.checkRatingTarget, response: RatingTargetCheckSchema },
  /** Stores the rating and queues it for the portal. */
  submitRating: { request: ratingRequests.submitRating, response: SubmittedRatingSchema },
  // The audio guide (src-shared/speech.ts, decision 0033).
  /** Synthesizes one utterance (numbers masked again in main) as a WAV the renderer plays. */
  speak: { request: SpeakRequestSchema, response: SpokenAudioSchema },
  // IT diagnostics and log export (src-shared/diagnostics.ts, issue #21, decision 0030).
  /** Versions, uptime, disk, store, outbox, link, devices with their last changes, the last 50 log events. */
  getDiagnostics: { request: sessionOnly, response: DiagnosticsSchema },
  /** Removable drives (under /media, /run/media) the log export can be written to. */
  listExportMounts: { request: sessionOnly, response: z.array(ExportMountSchema) },
  /** Builds the log export zip and puts it on a USB drive, behind a one-shot download link, or on the portal. */
  exportLogs: { request: diagnosticsRequests.exportLogs, response: LogExportResultSchema },
  // The set-up wizard (src-shared/setup.ts, issue #19, decision 0040): IT only, each step checked in main.
  ...setupMethods,
} as const;

/** Why the kiosk's core was started anew while the host kept serving (issue #19). */
export const ReloadReasonSchema = z.enum(['setup', 'central-config']);
export type ReloadReason = z.infer<typeof ReloadReasonSchema>;

/** Everything main pushes to the renderer: name → payload schema. */
export const events = {
  deviceHealth: DeviceHealthSchema,
  /** A scan from the scanner device (HID-POS or virtual). */
  scan: ScanEventSchema,
  /** A staff alert was raised or resolved. */
  staffAlert: StaffAlertSchema,
  /** The link to the portal changed (online / degraded / offline); the header shows a discreet dot. */
  linkState: LinkStateEventSchema,
  /** A page came out of the document scanner during scanDocumentPages. */
  scanProgress: ScanProgressSchema,
  /** A new core runs from the configuration on disk (set-up finished, central configuration applied): the page loads anew. */
  kioskReloaded: z.strictObject({ reason: ReloadReasonSchema }),
} as const;

export type Methods = typeof methods;
export type MethodName = keyof Methods;
export type RequestOf<M extends MethodName> = z.input<Methods[M]['request']>;
export type ResponseOf<M extends MethodName> = z.output<Methods[M]['response']>;
export type EventName = keyof typeof events;
export type EventPayload<E extends EventName> = z.output<(typeof events)[E]>;

export const methodNames = Object.keys(methods) as MethodName[];
export const isMethodName = (name: unknown): name is MethodName =>
  typeof name === 'string' && Object.prototype.hasOwnProperty.call(methods, name);

/** The renderer's view of the kiosk, derived from the contract: one async function per method. */
export type KioskClient = {
  [M in MethodName]: (request: RequestOf<M>) => Promise<Reply<ResponseOf<M>>>;
} & {
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
};

/** What a host must provide to build a client: one invoke path and one event subscription. */
export interface ClientTransport {
  invoke(method: MethodName, request: unknown): Promise<unknown>;
  subscribe(listener: (event: string, payload: unknown) => void): () => void;
}
