import { useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { KioskClient } from '../../src-shared/contract';
import type { Language, TicketDto, TicketWait } from '../../src-shared/dto';
import { assertNever } from '../../src-shared/assert-never';
import { formatIssuedAt } from '../app/format';
import { useCountdown } from '../app/use-countdown';
import { PrinterIcon } from '../components/Icons';
import { QrCode } from '../components/QrCode';
import { ScreenFrame } from '../components/ScreenFrame';

interface TicketScreenProps {
  kiosk: KioskClient;
  ticket: TicketDto;
  language: Language;
  displaySeconds: number;
  onUpdated: (ticket: TicketDto) => void;
  onDone: () => void;
}

type ReprintState = 'idle' | 'printing' | 'failed';

export function TicketScreen({ kiosk, ticket, language, displaySeconds, onUpdated, onDone }: TicketScreenProps): ReactElement {
  const { t } = useTranslation();
  const [reprint, setReprint] = useState<ReprintState>('idle');
  // Every reprint attempt gives the visitor the full display time again to read the result.
  const [attempts, setAttempts] = useState(0);
  const secondsLeft = useCountdown(displaySeconds, onDone, `${attempts}-${reprint}`);

  const retryPrint = async () => {
    setReprint('printing');
    setAttempts((n) => n + 1);
    const reply = await kiosk.reprintTicket({ ticketId: ticket.id, language });
    // A failed reprint stays on this screen: the number is valid and must stay visible.
    if (reply.ok) {
      onUpdated(reply.value);
      setReprint(reply.value.printed ? 'idle' : 'failed');
    } else setReprint('failed');
  };

  return (
    <ScreenFrame
      testId="screen-ticket"
      title={t('ticket.title')}
      spoken={t('speech.ticket', { number: ticket.display, service: ticket.serviceName[language], ahead: ticket.waitingAhead })}
    >
      <div className="ticket">
        <div className="ticket__main">
          <p className="ticket__number" data-testid="ticket-number">
            {ticket.display}
          </p>
          <p className="ticket__service" data-testid="ticket-service">
            {ticket.serviceName[language]}
          </p>
          <dl className="ticket__facts">
            <div className="ticket__fact">
              <dt>{t('ticket.issuedAt')}</dt>
              <dd data-testid="ticket-issued-at">{formatIssuedAt(ticket.issuedAt)}</dd>
            </div>
            <div className="ticket__fact">
              <dt>{t('ticket.waitingAhead')}</dt>
              <dd data-testid="ticket-waiting">{ticket.wait.peopleAhead}</dd>
              <dd className="ticket__note" data-testid="ticket-wait-source" data-source={ticket.wait.source}>
                {waitSourceText(ticket.wait, t)}
              </dd>
            </div>
            <div className="ticket__fact">
              <dt>{t('ticketWait.estimateLabel')}</dt>
              {ticket.wait.estimate ? (
                <dd data-testid="ticket-estimate" data-estimate={`${ticket.wait.estimate.minMinutes}-${ticket.wait.estimate.maxMinutes}`}>
                  {t('ticketWait.estimate', { min: ticket.wait.estimate.minMinutes, max: ticket.wait.estimate.maxMinutes })}
                </dd>
              ) : (
                <>
                  <dd data-testid="ticket-estimate" data-estimate="none">
                    {t('ticketWait.noEstimate')}
                  </dd>
                  <dd className="ticket__note">{t('ticketWait.noEstimateWhy')}</dd>
                </>
              )}
            </div>
            {ticket.priority === 'none' ? null : (
              <div className="ticket__fact">
                <dt>{t('ticket.priority')}</dt>
                <dd data-testid="ticket-priority">{t(`priority.options.${ticket.priority}.title`)}</dd>
              </div>
            )}
          </dl>
        </div>
        <figure className="ticket__qr">
          <QrCode text={ticket.qrText} alt={t('ticket.qrAlt')} />
          <figcaption>{t('ticket.qrHint')}</figcaption>
        </figure>
      </div>
      <PrintStatus printed={ticket.printed} reprint={reprint} onReprint={() => void retryPrint()} />
      <div className="actions">
        <button type="button" className="button button--primary button--wide" data-testid="ticket-done" onClick={onDone}>
          {t('common.done')}
        </button>
        <p className="countdown" aria-live="off" data-testid="ticket-countdown">
          {t('ticket.autoReturn', { seconds: secondsLeft })}
        </p>
      </div>
    </ScreenFrame>
  );
}

/** Where the count comes from, so an offline or kiosk-only figure is never passed off as live. */
function waitSourceText(wait: TicketWait, t: TFunction): string {
  switch (wait.source) {
    case 'portal':
      return t('ticketWait.fromCenter', { time: wait.asOfText ?? '' });
    case 'last-known':
      return t('ticketWait.lastKnown', { time: wait.asOfText ?? '' });
    case 'kiosk':
      return t('ticketWait.kioskOnly');
    default:
      return assertNever(wait.source);
  }
}

interface PrintStatusProps {
  printed: boolean;
  reprint: ReprintState;
  onReprint: () => void;
}

function PrintStatus({ printed, reprint, onReprint }: PrintStatusProps): ReactElement {
  const { t } = useTranslation();
  if (printed) {
    return (
      <p className="notice notice--ok" data-testid="ticket-print-status" data-printed="true">
        {t('ticket.printed')}
      </p>
    );
  }
  return (
    <div className="notice notice--warning" role="alert" data-testid="ticket-print-status" data-printed="false">
      <span className="notice__icon">
        <PrinterIcon />
      </span>
      <div className="notice__text">
        <p className="notice__title">{t('ticket.notPrintedTitle')}</p>
        <p>{t('ticket.notPrintedBody')}</p>
        <p>{t('ticket.notPrintedAdvice')}</p>
        {reprint === 'failed' ? <p className="notice__strong">{t('ticket.reprintFailed')}</p> : null}
      </div>
      <button
        type="button"
        className="button button--secondary"
        data-testid="ticket-reprint"
        disabled={reprint === 'printing'}
        onClick={onReprint}
      >
        {reprint === 'printing' ? t('ticket.reprinting') : t('ticket.reprint')}
      </button>
    </div>
  );
}
