import type { Database } from 'better-sqlite3';
import type { Priority } from '../../src-shared/dto';
import { PrioritySchema } from '../../src-shared/dto';
import { DayReportSchema, type DayReport } from '../../src-shared/report';
import { documentCountsOf, dossierIdsReceivedIn } from '../dossier/dossier-repository';
import { SUBMIT_JOB_KIND } from '../dossier/dossier-submit';
import { deliveredAt } from '../outbox/outbox-repository';
import { paymentCountsIn } from '../payment/payment-repository';
import { ticketCountsOfDay } from '../queue/ticket-repository';
import { ratingCountsIn } from '../rating/rating-repository';
import { dayBounds } from './day-bounds';
import { percentOf, round1, stateMinutes } from './state-minutes';
import { terminalEventsIn } from './terminal-event-repository';

export interface DayReportInput {
  day: string;
  terminalId: string;
  timeZone: string;
  now: Date;
}

/**
 * One terminal's figures for one local day, composed from the repositories' queries. Reads only
 * what the personal-data purge leaves (codes, times, states, document kinds and page counts).
 * A day still running is counted up to `now`; a day in the future has only zeros.
 */
export function buildDayReport(db: Database, input: DayReportInput): DayReport {
  const { from, to } = dayBounds(input.day, input.timeZone);
  const fromIso = from.toISOString();
  const toIso = to.toISOString();
  const end = Math.max(from.getTime(), Math.min(to.getTime(), input.now.getTime()));

  const byService = new Map<string, Record<Priority, number>>();
  for (const row of ticketCountsOfDay(db, input.day)) {
    const counts = byService.get(row.service_id) ?? zeroPriorities();
    counts[row.priority] += row.count;
    byService.set(row.service_id, counts);
  }
  const services = [...byService].map(([serviceId, byPriority]) => ({ serviceId, total: sum(Object.values(byPriority)), byPriority }));

  const dossierIds = dossierIdsReceivedIn(db, input.terminalId, fromIso, toIso);
  const delivered = deliveredAt(db, SUBMIT_JOB_KIND, dossierIds).size;
  const documents = documentCountsOf(db, dossierIds);

  const link = stateMinutes(terminalEventsIn(db, 'link', fromIso, toIso), from.getTime(), end);
  const printer = stateMinutes(terminalEventsIn(db, 'printer', fromIso, toIso), from.getTime(), end);
  const online = link.get('online') ?? 0;
  const known = online + (link.get('degraded') ?? 0) + (link.get('offline') ?? 0);

  return DayReportSchema.parse({
    day: input.day,
    terminalId: input.terminalId,
    timeZone: input.timeZone,
    from: fromIso,
    to: toIso,
    generatedAt: input.now.toISOString(),
    tickets: { total: sum(services.map((s) => s.total)), byService: services },
    dossiers: { submitted: dossierIds.length, delivered, pending: dossierIds.length - delivered },
    payments: paymentCountsIn(db, fromIso, toIso),
    ratings: ratingCountsIn(db, fromIso, toIso),
    link: {
      onlineMinutes: online,
      degradedMinutes: link.get('degraded') ?? 0,
      offlineMinutes: link.get('offline') ?? 0,
      unknownMinutes: link.get('unknown') ?? 0,
      onlinePercent: percentOf(online, round1(known)),
    },
    printer: {
      withoutPaperOrPrinterMinutes: printer.get('offline') ?? 0,
      degradedMinutes: printer.get('degraded') ?? 0,
      unknownMinutes: printer.get('unknown') ?? 0,
    },
    documents: {
      pagesScanned: documents.pagesScanned,
      documentsScanned: documents.scannedDocuments,
      documentsOnPaper: documents.paperDocuments,
      digitizedPercent: percentOf(documents.scannedDocuments, documents.scannedDocuments + documents.paperDocuments),
    },
  });
}

const zeroPriorities = (): Record<Priority, number> =>
  Object.fromEntries(PrioritySchema.options.map((p) => [p, 0])) as Record<Priority, number>;

const sum = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0);
