import { useEffect, useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { KioskClient } from '../../src-shared/contract';
import type { Language, QueueSummary } from '../../src-shared/dto';
import { assertNever } from '../../src-shared/assert-never';

interface HomeQueueSummaryProps {
  kiosk: KioskClient;
  language: Language;
}

/** The queue per service before a number is taken: people waiting, the wait, and how fresh that is. */
export function HomeQueueSummary({ kiosk, language }: HomeQueueSummaryProps): ReactElement {
  const { t } = useTranslation();
  const [summary, setSummary] = useState<QueueSummary | null>(null);
  useEffect(() => {
    let current = true;
    // Not worth an error screen: without it the panel just says it is loading.
    void kiosk.getQueueSummary({}).then((reply) => current && reply.ok && setSummary(reply.value));
    return () => {
      current = false;
    };
  }, [kiosk]);

  const sourceText = (s: QueueSummary): string => {
    switch (s.source) {
      case 'portal':
        return t('homeInfo.fromCenter', { time: s.asOfText ?? '' });
      case 'last-known':
        return t('homeInfo.lastKnown', { time: s.asOfText ?? '' });
      case 'kiosk':
        return t('homeInfo.kioskOnly');
      default:
        return assertNever(s.source);
    }
  };

  return (
    <section className="home-panel" data-testid="home-queue-summary" aria-labelledby="home-queue-title">
      <h2 className="home-panel__title" id="home-queue-title">
        {t('homeInfo.queueTitle')}
      </h2>
      {summary === null ? (
        <p className="status-line" role="status">
          {t('homeInfo.loading')}
        </p>
      ) : (
        <>
          <ul className="home-queue__list">
            {summary.services.map((s) => (
              <li key={s.serviceId} className="home-queue__row" data-testid={`home-queue-${s.serviceId}`}>
                <span className="home-queue__name">{s.name[language]}</span>
                <span className="home-queue__count">{t('homeInfo.waiting', { count: s.waiting })}</span>
                <span className="home-queue__estimate">
                  {s.estimate ? t('homeInfo.estimate', { min: s.estimate.minMinutes, max: s.estimate.maxMinutes }) : t('homeInfo.noEstimate')}
                </span>
              </li>
            ))}
          </ul>
          <p className="home-panel__note" data-source={summary.source}>
            {sourceText(summary)}
          </p>
        </>
      )}
    </section>
  );
}
