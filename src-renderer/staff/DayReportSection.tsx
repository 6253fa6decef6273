import { useCallback, useEffect, useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { KioskClient } from '../../src-shared/contract';
import type { Language, Priority } from '../../src-shared/dto';
import type { DayReport, PrintedDayReport } from '../../src-shared/report';
import './day-report.css';

type Load = { state: 'loading' } | { state: 'done'; report: DayReport } | { state: 'failed'; message: string };
type Print = { state: 'idle' } | { state: 'busy' } | { state: 'done'; value: PrintedDayReport } | { state: 'failed'; message: string };

const PRIORITIES: readonly Priority[] = ['none', 'elderly', 'disabled', 'pregnant'];

/**
 * "Báo cáo ngày / Day report" in the staff panel: one day's figures for this terminal (today at
 * first), printed on the ticket printer with an A4 PDF written to the data folder.
 */
export function DayReportSection({ kiosk, language, session }: { kiosk: KioskClient; language: Language; session: string }): ReactElement {
  const { t } = useTranslation();
  const [day, setDay] = useState<string | undefined>(undefined);
  const [load, setLoad] = useState<Load>({ state: 'loading' });
  const [print, setPrint] = useState<Print>({ state: 'idle' });

  const fetchReport = useCallback(
    async (wanted: string | undefined) => {
      setLoad({ state: 'loading' });
      const reply = await kiosk.getDayReport(wanted === undefined ? { session } : { session, day: wanted });
      setLoad(reply.ok ? { state: 'done', report: reply.value } : { state: 'failed', message: reply.error.message });
      if (reply.ok) setDay(reply.value.day);
    },
    [kiosk, session],
  );

  useEffect(() => {
    void fetchReport(undefined);
  }, [fetchReport]);

  // Service names as the citizen's screen shows them; the report itself carries only ids.
  const [names, setNames] = useState<ReadonlyMap<string, string>>(new Map());
  useEffect(() => {
    void kiosk.listQueueServices({}).then((reply) => reply.ok && setNames(new Map(reply.value.map((s) => [s.id, s.name[language]]))));
  }, [kiosk, language]);

  const printReport = async (report: DayReport) => {
    setPrint({ state: 'busy' });
    const reply = await kiosk.printDayReport({ session, day: report.day, language });
    setPrint(reply.ok ? { state: 'done', value: reply.value } : { state: 'failed', message: reply.error.message });
  };

  const n = (value: number) => value.toLocaleString(language === 'vi' ? 'vi-VN' : 'en-GB');
  const minutes = (value: number) => t('dayReport.minutes', { value: n(value) });
  const percent = (value: number | null) => (value === null ? t('dayReport.noShare') : `${n(value)} %`);
  const report = load.state === 'done' ? load.report : null;

  return (
    <section className="day-report" data-testid="staff-day-report" data-state={load.state}>
      <h3>{t('dayReport.title')}</h3>
      <div className="day-report__controls">
        <label>
          {t('dayReport.day')}
          <input type="date" className="day-report__day" data-testid="day-report-day" value={day ?? ''} onChange={(e) => setDay(e.target.value || undefined)} />
        </label>
        <button type="button" className="staff-panel__button" data-testid="day-report-show" disabled={load.state === 'loading'} onClick={() => void fetchReport(day)}>
          {t('dayReport.show')}
        </button>
        <button type="button" className="staff-panel__button" data-testid="day-report-print" disabled={!report || print.state === 'busy'} onClick={() => report && void printReport(report)}>
          {t('dayReport.print')}
        </button>
      </div>
      <p data-testid="day-report-print-result" data-printed={print.state === 'done' ? String(print.value.printed) : undefined}>
        {print.state === 'busy' ? t('app.working') : null}
        {print.state === 'done'
          ? `${print.value.printed ? t('dayReport.printed') : t('dayReport.printFailed', { reason: print.value.printError ?? '' })} ${t('dayReport.pdfAt', { path: print.value.pdfPath })}`
          : null}
        {print.state === 'failed' ? print.message : null}
      </p>
      {load.state === 'loading' ? <p>{t('app.working')}</p> : null}
      {load.state === 'failed' ? <p data-testid="day-report-error">{load.message}</p> : null}
      {report ? (
        <div className="day-report__figures">
          <dl data-testid="day-report-tickets">
            <dt className="day-report__head">{t('dayReport.tickets')}</dt>
            <dd className="day-report__head" data-testid="day-report-tickets-total">{n(report.tickets.total)}</dd>
            {report.tickets.byService.map((s) => (
              <FigureRow key={s.serviceId} label={names.get(s.serviceId) ?? s.serviceId} value={`${n(s.total)} (${PRIORITIES.filter((p) => s.byPriority[p] > 0).map((p) => `${t(`dayReport.priority.${p}`)} ${n(s.byPriority[p])}`).join(', ')})`} />
            ))}
          </dl>
          <dl data-testid="day-report-dossiers">
            <dt className="day-report__head">{t('dayReport.dossiers')}</dt>
            <dd className="day-report__head" />
            <FigureRow label={t('dayReport.submitted')} value={n(report.dossiers.submitted)} />
            <FigureRow label={t('dayReport.delivered')} value={n(report.dossiers.delivered)} />
            <FigureRow label={t('dayReport.pending')} value={n(report.dossiers.pending)} />
            <dt className="day-report__head">{t('dayReport.payments')}</dt>
            <dd className="day-report__head" />
            <FigureRow label={t('dayReport.started')} value={n(report.payments.started)} />
            <FigureRow label={t('dayReport.confirmed')} value={n(report.payments.confirmed)} />
            <FigureRow label={t('dayReport.failed')} value={n(report.payments.failed)} />
            <dt className="day-report__head">{t('dayReport.ratings')}</dt>
            <dd className="day-report__head" data-testid="day-report-ratings">{n(report.ratings.total)}</dd>
            <FigureRow label={t('dayReport.ratedKiosk')} value={n(report.ratings.kiosk)} />
            <FigureRow label={t('dayReport.ratedDossier')} value={n(report.ratings.dossier)} />
            <FigureRow label={t('dayReport.ratedCounter')} value={n(report.ratings.counter)} />
            <FigureRow label={t('dayReport.verySatisfied')} value={n(report.ratings.verySatisfied)} />
            <FigureRow label={t('dayReport.satisfied')} value={n(report.ratings.satisfied)} />
            <FigureRow label={t('dayReport.notSatisfied')} value={n(report.ratings.notSatisfied)} />
            <FigureRow label={t('dayReport.withComment')} value={n(report.ratings.withComment)} />
          </dl>
          <dl data-testid="day-report-link">
            <dt className="day-report__head">{t('dayReport.link')}</dt>
            <dd className="day-report__head" data-testid="day-report-online-percent">{percent(report.link.onlinePercent)}</dd>
            <FigureRow label={t('dayReport.online')} value={minutes(report.link.onlineMinutes)} />
            <FigureRow label={t('dayReport.degraded')} value={minutes(report.link.degradedMinutes)} />
            <FigureRow label={t('dayReport.offline')} value={minutes(report.link.offlineMinutes)} />
            <FigureRow label={t('dayReport.unknown')} value={minutes(report.link.unknownMinutes)} />
            <dt className="day-report__head">{t('dayReport.printer')}</dt>
            <dd className="day-report__head" />
            <FigureRow label={t('dayReport.noPaper')} value={minutes(report.printer.withoutPaperOrPrinterMinutes)} />
          </dl>
          <dl data-testid="day-report-documents">
            <dt className="day-report__head">{t('dayReport.documents')}</dt>
            <dd className="day-report__head" data-testid="day-report-digitized">{percent(report.documents.digitizedPercent)}</dd>
            <FigureRow label={t('dayReport.pages')} value={n(report.documents.pagesScanned)} />
            <FigureRow label={t('dayReport.scanned')} value={n(report.documents.documentsScanned)} />
            <FigureRow label={t('dayReport.paper')} value={n(report.documents.documentsOnPaper)} />
          </dl>
        </div>
      ) : null}
    </section>
  );
}

function FigureRow({ label, value }: { label: string; value: string }): ReactElement {
  return (
    <>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </>
  );
}
