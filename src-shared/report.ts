import { z } from 'zod';
import { LanguageSchema, PrioritySchema } from './dto';
import { withSession } from './staff-access';

/** The day report (issue #21, decision 0028): one terminal's figures for one local day. */

export const DaySchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a day as YYYY-MM-DD');

const count = z.number().int().nonnegative();
const minutes = z.number().nonnegative();
/** A share in percent with one decimal, or null when there was nothing to divide by. */
const percent = z.number().min(0).max(100).nullable();

export const DayReportSchema = z.strictObject({
  day: DaySchema,
  terminalId: z.string(),
  timeZone: z.string(),
  /** ISO 8601 UTC instants of the day's start (inclusive) and end (exclusive). */
  from: z.string(),
  to: z.string(),
  /** The figures were computed at this instant; a day still running is counted up to it. */
  generatedAt: z.string(),
  tickets: z.strictObject({
    total: count,
    byService: z.array(z.strictObject({ serviceId: z.string(), total: count, byPriority: z.record(PrioritySchema, count) })),
  }),
  dossiers: z.strictObject({ submitted: count, delivered: count, pending: count }),
  payments: z.strictObject({ started: count, confirmed: count, failed: count }),
  /** Satisfaction ratings given that day (decision 0031): by subject and by overall satisfaction. */
  ratings: z.strictObject({
    total: count,
    kiosk: count,
    dossier: count,
    counter: count,
    verySatisfied: count,
    satisfied: count,
    notSatisfied: count,
    withComment: count,
  }),
  link: z.strictObject({
    onlineMinutes: minutes,
    degradedMinutes: minutes,
    offlineMinutes: minutes,
    /** Minutes of the day with no known state (kiosk off, or before the first record). */
    unknownMinutes: minutes,
    /** Online share of the minutes whose state is known. */
    onlinePercent: percent,
  }),
  printer: z.strictObject({
    /** Minutes the printer could not print (no paper, cover open, unplugged). */
    withoutPaperOrPrinterMinutes: minutes,
    degradedMinutes: minutes,
    unknownMinutes: minutes,
  }),
  documents: z.strictObject({
    pagesScanned: count,
    documentsScanned: count,
    documentsOnPaper: count,
    /** Scanned documents over all documents brought. */
    digitizedPercent: percent,
  }),
});
export type DayReport = z.infer<typeof DayReportSchema>;

/** What printing the day report did: the ticket-printer print, and where the A4 PDF was written. */
export const PrintedDayReportSchema = z.strictObject({
  printed: z.boolean(),
  printError: z.string().nullable(),
  pdfPath: z.string(),
});
export type PrintedDayReport = z.infer<typeof PrintedDayReportSchema>;

/** Requests of the day-report methods (wired into the contract's method map; staff role). */
export const dayReportRequests = {
  /** Without a day: today at the center (main knows its time zone). */
  getDayReport: withSession({ day: DaySchema.optional() }),
  printDayReport: withSession({ day: DaySchema, language: LanguageSchema }),
};
