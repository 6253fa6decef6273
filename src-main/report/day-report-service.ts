import type * as nodeFs from 'node:fs';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import type { Language, LocalizedText } from '../../src-shared/dto';
import type { DayReport, PrintedDayReport } from '../../src-shared/report';
import type { PrinterPort } from '../devices/printer/printer-port';
import { encodeRasterJob } from '../devices/printer/raster-job';
import { type Clock, localDay } from '../kernel/clock';
import type { Logger } from '../kernel/logger';
import { buildDayReport } from './day-report';
import { renderDayReportPaper } from './day-report-paper';
import { renderDayReportPdf } from './day-report-pdf';
import { dayReportLines, dayReportTitle } from './day-report-texts';

export type ReportFs = Pick<typeof nodeFs, 'mkdirSync' | 'writeFileSync' | 'renameSync'>;

export interface DayReportServiceDeps {
  db: Database;
  clock: Clock;
  logger: Logger;
  printer: PrinterPort;
  fs: ReportFs;
  /** Where the A4 PDFs go: `<data dir>/reports`, owner-only like the rest of the data folder. */
  reportsDir: string;
  terminalId: string;
  timeZone: string;
  centerName: LocalizedText;
  serviceNames: ReadonlyMap<string, LocalizedText>;
  /** The printer's footer line, as on tickets. */
  footer: string;
}

/** Staff's day report: the figures for the screen, the ticket-printer print and the A4 PDF. */
export class DayReportService {
  constructor(private readonly deps: DayReportServiceDeps) {}

  /** The figures of a local day; without one, of today at the center. */
  get(day?: string): DayReport {
    const { db, terminalId, timeZone, clock } = this.deps;
    const now = clock.now();
    return buildDayReport(db, { day: day ?? localDay(now, timeZone), terminalId, timeZone, now });
  }

  /** Prints on the ticket printer and writes the A4 PDF; a printer fault still leaves the PDF. */
  async print(day: string, language: Language): Promise<PrintedDayReport> {
    const { printer, logger, footer, centerName, serviceNames } = this.deps;
    const report = this.get(day);
    const lines = dayReportLines(report, language, centerName, serviceNames);
    const pdfPath = await this.writePdf(report, language, lines);
    try {
      await printer.send(encodeRasterJob(renderDayReportPaper(lines, footer, printer.paperWidthDots)));
      return { printed: true, printError: null, pdfPath };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      logger.log('warn', 'day report print failed', { day, error: message });
      return { printed: false, printError: message, pdfPath };
    }
  }

  private async writePdf(report: DayReport, language: Language, lines: ReturnType<typeof dayReportLines>): Promise<string> {
    const { fs, reportsDir } = this.deps;
    const bytes = await renderDayReportPdf(lines, dayReportTitle(report, language), new Date(report.generatedAt));
    fs.mkdirSync(reportsDir, { recursive: true, mode: 0o700 });
    const file = join(reportsDir, `day-report-${report.day}-${report.terminalId}-${language}.pdf`);
    // Written whole then renamed: a reader never sees half a PDF, and a printed one is replaced by the newer figures.
    const temp = `${file}.tmp`;
    fs.writeFileSync(temp, bytes, { mode: 0o600 });
    fs.renameSync(temp, file);
    return file;
  }
}
