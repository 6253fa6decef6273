import { useCallback, useEffect, useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { KioskClient, ResponseOf } from '../../src-shared/contract';
import type { Language, Priority, QueueServiceDto } from '../../src-shared/dto';
import type { OutboxRow } from '../../src-shared/staff-work';
import { assertNever } from '../../src-shared/assert-never';
import { formatIssuedAt } from '../app/format';
import { ReasonText, TechnicalDetail, useReasonWords } from '../components/ReasonText';
import { DossierCodeField } from './DossierCodeField';

type Outcome<T> = { state: 'idle' } | { state: 'busy' } | { state: 'done'; value: T } | { state: 'failed'; message: string; code?: string };
type Reply<T> = { ok: true; value: T } | { ok: false; error: { message: string; code: string } };

const PRIORITIES: readonly Priority[] = ['none', 'elderly', 'disabled', 'pregnant'];

interface AssistCitizenProps {
  kiosk: KioskClient;
  language: Language;
  session: string;
}

/**
 * "Assist a citizen" in the staff panel (issue #21): a ticket taken for someone who cannot use the
 * screen (the staff session stays open), the last ticket or a receipt printed again, the printer's
 * paper put back, and the outbox as it stands. Main checks the role of every call.
 */
export function AssistCitizen({ kiosk, language, session }: AssistCitizenProps): ReactElement {
  const { t } = useTranslation();
  const reasonWords = useReasonWords();
  const [services, setServices] = useState<readonly QueueServiceDto[]>([]);
  const [priority, setPriority] = useState<Priority>('none');
  const [ticket, setTicket] = useState<Outcome<ResponseOf<'takeTicketForCitizen'>>>({ state: 'idle' });
  const [code, setCode] = useState('');
  const [receipt, setReceipt] = useState<Outcome<ResponseOf<'reprintReceiptByCode'>>>({ state: 'idle' });
  const [paper, setPaper] = useState<Outcome<ResponseOf<'markPrinterRefilled'>>>({ state: 'idle' });
  const [outbox, setOutbox] = useState<Outcome<OutboxRow[]>>({ state: 'idle' });

  const loadOutbox = useCallback(async () => {
    const reply = await kiosk.listOutbox({ session });
    setOutbox(reply.ok ? { state: 'done', value: reply.value } : { state: 'failed', message: reply.error.message });
  }, [kiosk, session]);

  useEffect(() => {
    void kiosk.listQueueServices({}).then((reply) => reply.ok && setServices(reply.value));
    void loadOutbox();
  }, [kiosk, loadOutbox]);

  const run = async <T,>(set: (o: Outcome<T>) => void, call: () => Promise<Reply<T>>) => {
    set({ state: 'busy' });
    const reply = await call();
    set(reply.ok ? { state: 'done', value: reply.value } : { state: 'failed', message: reply.error.message, code: reply.error.code });
  };

  // The printer's own words are technical English: a sentence in the panel's language, the words folded (issue #21).
  const ticketLine = (value: ResponseOf<'takeTicketForCitizen'>) =>
    value.printed ? (
      t('staffWork.ticketPrinted', { number: value.display, service: value.serviceName[language] })
    ) : (
      <>
        {t('staffWork.ticketNotPrinted', { number: value.display })}
        {value.printError ? <TechnicalDetail detail={value.printError} /> : null}
      </>
    );

  const receiptLine = (value: ResponseOf<'reprintReceiptByCode'>) => {
    switch (value.outcome) {
      case 'printed':
        return t('staffWork.receiptPrinted', { code: value.code });
      case 'print-failed':
        return t('staffWork.receiptNotPrinted', { code: value.code, reason: value.printError[language] });
      case 'erased':
        return t('staffWork.receiptErased', { code: value.code });
      default:
        return assertNever(value);
    }
  };

  return (
    <section className="staff-work" data-testid="staff-work" aria-labelledby="staff-work-title">
      <h3 id="staff-work-title">{t('staffWork.title')}</h3>

      <div className="staff-work__block">
        <h4>{t('staffWork.takeTicket')}</h4>
        <div className="staff-work__choices" role="radiogroup" aria-label={t('staffWork.priority')}>
          {PRIORITIES.map((p) => (
            <button
              key={p}
              type="button"
              role="radio"
              aria-checked={priority === p}
              className="staff-panel__button staff-work__choice"
              data-testid={`staff-work-priority-${p}`}
              onClick={() => setPriority(p)}
            >
              {t(`staffWork.priorities.${p}`)}
            </button>
          ))}
        </div>
        <div className="staff-work__choices">
          {services.map((s) => (
            <button
              key={s.id}
              type="button"
              className="staff-panel__button"
              data-testid={`staff-work-service-${s.id}`}
              disabled={ticket.state === 'busy'}
              onClick={() => void run(setTicket, () => kiosk.takeTicketForCitizen({ session, serviceId: s.id, priority, language }))}
            >
              {s.prefix} · {s.name[language]}
            </button>
          ))}
        </div>
        <p data-testid="staff-work-ticket" data-printed={ticket.state === 'done' ? String(ticket.value.printed) : undefined}>
          {ticket.state === 'busy' ? t('app.working') : null}
          {ticket.state === 'done' ? ticketLine(ticket.value) : null}
          {ticket.state === 'failed' && ticket.code === 'device_unavailable' ? (
            <>
              {t('staffWork.printerUnavailable')}
              <TechnicalDetail detail={ticket.message} />
            </>
          ) : null}
          {ticket.state === 'failed' && ticket.code !== 'device_unavailable' ? t('staffWork.failed', { reason: ticket.message }) : null}
        </p>
      </div>

      <div className="staff-work__block">
        <h4>{t('staffWork.reprint')}</h4>
        <button
          type="button"
          className="staff-panel__button"
          data-testid="staff-work-reprint-ticket"
          disabled={ticket.state === 'busy'}
          onClick={() => void run(setTicket, () => kiosk.reprintLastTicket({ session, language }))}
        >
          {t('staffWork.reprintLastTicket')}
        </button>
        {/* Not a form: the on-screen keyboard's keys are <button>s, and in a form each would submit it. */}
        <div className="staff-work__code">
          <DossierCodeField language={language} value={code} maxLength={64} onChange={setCode} />
          <button
            type="button"
            className="staff-panel__button"
            data-testid="staff-work-reprint-receipt"
            disabled={receipt.state === 'busy' || code.trim() === ''}
            onClick={() => void run(setReceipt, () => kiosk.reprintReceiptByCode({ session, code, language }))}
          >
            {t('staffWork.reprintReceipt')}
          </button>
        </div>
        <p data-testid="staff-work-receipt" data-outcome={receipt.state === 'done' ? receipt.value.outcome : undefined}>
          {receipt.state === 'busy' ? t('app.working') : null}
          {receipt.state === 'done' ? receiptLine(receipt.value) : null}
          {receipt.state === 'failed' ? t('staffWork.failed', { reason: receipt.message }) : null}
        </p>
      </div>

      <div className="staff-work__block">
        <h4>{t('staffWork.printer')}</h4>
        <button
          type="button"
          className="staff-panel__button"
          data-testid="staff-work-refilled"
          disabled={paper.state === 'busy'}
          onClick={() => void run(setPaper, () => kiosk.markPrinterRefilled({ session }))}
        >
          {t('staffWork.markRefilled')}
        </button>
        <p data-testid="staff-work-paper" data-state={paper.state === 'done' ? paper.value.health.state : undefined}>
          {paper.state === 'busy' ? t('app.working') : null}
          {paper.state === 'done'
            ? paper.value.health.state === 'offline'
              ? t('staffWork.printerStillOut', { reason: reasonWords('device', paper.value.health.reason) })
              : t('staffWork.printerReady')
            : null}
          {paper.state === 'failed' ? t('staffWork.failed', { reason: paper.message }) : null}
        </p>
      </div>

      <div className="staff-work__block" data-testid="staff-work-outbox">
        <h4>{t('staffWork.outbox')}</h4>
        <button type="button" className="staff-panel__button" data-testid="staff-work-outbox-refresh" onClick={() => void loadOutbox()}>
          {t('staffWork.refresh')}
        </button>
        {outbox.state === 'failed' ? <p>{t('staffWork.failed', { reason: outbox.message })}</p> : null}
        {outbox.state === 'done' && outbox.value.length === 0 ? <p>{t('staffWork.outboxEmpty')}</p> : null}
        {outbox.state === 'done' && outbox.value.length > 0 ? (
          <table className="staff-work__outbox">
            <thead>
              <tr>
                <th>{t('staffWork.columns.state')}</th>
                <th>{t('staffWork.columns.what')}</th>
                <th>{t('staffWork.columns.attempts')}</th>
                <th>{t('staffWork.columns.next')}</th>
                <th>{t('staffWork.columns.why')}</th>
              </tr>
            </thead>
            <tbody>
              {outbox.value.map((row) => (
                <tr key={row.id} data-testid="staff-work-outbox-row" data-state={row.state}>
                  <td>{t(`staffWork.states.${row.state}`)}</td>
                  <td>
                    {t(`staffWork.kinds.${row.kind}`)} {row.dossierCode ?? ''}
                  </td>
                  <td>{row.attempts}</td>
                  <td>{row.nextAttemptAt ? formatIssuedAt(row.nextAttemptAt) : '—'}</td>
                  <td>{row.parkReason ? <ReasonText kind="parked" code={row.parkReason} detail={row.why} /> : (row.why ?? '—')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
      </div>
    </section>
  );
}
