import { useEffect, useRef, useState, type ReactElement, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useAlive } from '../app/use-alive';
import { useScreenSpeech } from '../speech/speech-context';
import type { ProcedureDetail } from '../../src-shared/catalog';
import type { KioskClient } from '../../src-shared/contract';
import type { DeviceHealth, Language } from '../../src-shared/dto';
import type { KioskErrorPayload } from '../../src-shared/errors';
import { formatVnd } from '../../src-shared/format';
import { CatalogFooter } from '../catalog/CatalogFooter';
import { DocumentList } from '../catalog/DocumentList';
import { LevelBadge } from '../catalog/LevelBadge';
import { useCatalogInfo } from '../catalog/use-catalog-info';
import { PrinterIcon } from '../components/Icons';
import { ScreenFrame } from '../components/ScreenFrame';

interface ProcedureScreenProps {
  kiosk: KioskClient;
  code: string;
  language: Language;
  devices: readonly DeviceHealth[];
  onError: (error: KioskErrorPayload) => void;
  /**
   * Slot for the "Nộp hồ sơ" (Submit a dossier) action of the submission work, shown next to
   * the print button. Nothing fills it yet, so the action is not offered.
   */
  submitAction?: ReactNode;
}

type PrintState = 'idle' | 'printing' | 'printed' | 'failed';

/** Everything a citizen needs to prepare for one procedure, and a paper checklist of it. */
export function ProcedureScreen({ kiosk, code, language, devices, onError, submitAction }: ProcedureScreenProps): ReactElement {
  const { t } = useTranslation();
  const info = useCatalogInfo(kiosk);
  const [procedure, setProcedure] = useState<ProcedureDetail | null>(null);
  const [print, setPrint] = useState<PrintState>('idle');
  const printing = useRef(false);
  const alive = useAlive();

  useEffect(() => {
    // Only this code's answer: a reply for a procedure left behind must not replace the new one.
    let current = true;
    void kiosk.getProcedure({ code }).then((reply) => {
      if (!current) return;
      if (reply.ok) setProcedure(reply.value);
      else onError(reply.error);
    });
    return () => {
      current = false;
    };
  }, [kiosk, code, onError]);

  const printerOffline = devices.some((d) => d.device === 'printer' && d.state === 'offline');

  // One checklist per tap: a double tap must not print twice.
  const printChecklist = async () => {
    if (printing.current) return;
    printing.current = true;
    setPrint('printing');
    try {
      const reply = await kiosk.printChecklist({ code, language });
      if (alive.current) setPrint(reply.ok && reply.value.printed ? 'printed' : 'failed');
    } finally {
      printing.current = false;
    }
  };

  // Once loaded (the loading frame says its own title): the procedure's name and what the screen offers.
  useScreenSpeech(procedure ? procedure.name[language] : null, procedure ? t('procedure.documents') : null);
  if (procedure === null) {
    return (
      <ScreenFrame testId="screen-procedure" title={t('procedure.loading')}>
        <div className="spinner" aria-hidden="true" />
      </ScreenFrame>
    );
  }

  const feeTotal = procedure.fees.reduce((sum, fee) => sum + fee.amountVnd, 0);
  return (
    <main className="screen procedure" data-testid="screen-procedure">
      <h1 className="screen__title procedure__title" data-testid="procedure-name">
        {procedure.name[language]}
      </h1>
      <div className="procedure__tags">
        <span className="procedure__code" data-testid="procedure-code">
          {t('procedure.code')}: {procedure.code}
        </span>
        <LevelBadge level={procedure.level} />
      </div>

      <dl className="facts">
        <div className="facts__item">
          <dt>{t('procedure.agency')}</dt>
          <dd>{procedure.agencyName[language]}</dd>
        </div>
        <div className="facts__item">
          <dt>{t('procedure.field')}</dt>
          <dd>{procedure.fieldName[language]}</dd>
        </div>
        <div className="facts__item">
          <dt>{t('procedure.processingTime')}</dt>
          <dd data-testid="procedure-days">
            {procedure.processingDays === 0 ? t('procedure.sameDay') : t('procedure.days', { count: procedure.processingDays })}
          </dd>
        </div>
        <div className="facts__item facts__item--wide">
          <dt>{t('procedure.fees')}</dt>
          <dd data-testid="procedure-fees">
            {procedure.fees.length === 0 ? (
              t('procedure.free')
            ) : (
              <ul className="fees">
                {procedure.fees.map((fee) => (
                  <li key={fee.label.vi} className="fees__item">
                    <span>{fee.label[language]}</span>
                    <span className="fees__amount">{fee.amountVnd === 0 ? t('procedure.free') : formatVnd(fee.amountVnd)}</span>
                  </li>
                ))}
                {procedure.fees.length > 1 ? (
                  <li className="fees__item fees__item--total">
                    <span>{t('procedure.feeTotal')}</span>
                    <span className="fees__amount">{formatVnd(feeTotal)}</span>
                  </li>
                ) : null}
              </ul>
            )}
          </dd>
        </div>
      </dl>

      <section className="procedure__section">
        <h2 className="procedure__heading">{t('procedure.documents')}</h2>
        <DocumentList documents={procedure.documents} language={language} />
      </section>

      <div className="procedure__columns">
        <section className="procedure__section">
          <h2 className="procedure__heading">{t('procedure.delivery')}</h2>
          <ul className="plain-list" data-testid="procedure-delivery">
            {procedure.delivery.map((d) => (
              <li key={d}>{t(`procedure.deliveries.${d}`)}</li>
            ))}
          </ul>
        </section>
        <section className="procedure__section">
          <h2 className="procedure__heading">{t('procedure.legalBasis')}</h2>
          <ul className="plain-list plain-list--small" data-testid="procedure-legal">
            {procedure.legalBasis.map((law) => (
              <li key={law}>{law}</li>
            ))}
          </ul>
        </section>
      </div>

      {/* Kept in view while the details scroll, with the outcome of the last print above it. */}
      <div className="procedure__bar">
        <PrintOutcome state={print} />
        {printerOffline ? (
          <p className="procedure__printer-offline" role="status" data-testid="procedure-printer-offline">
            {t('procedure.printerOffline')}
          </p>
        ) : null}
        <div className="procedure__actions">
          <button
            type="button"
            className="button button--primary button--wide button--icon"
            data-testid="procedure-print"
            disabled={printerOffline || print === 'printing'}
            onClick={() => void printChecklist()}
          >
            <PrinterIcon />
            <span>{print === 'printing' ? t('procedure.printing') : t('procedure.print')}</span>
          </button>
          {submitAction}
        </div>
      </div>
      <CatalogFooter info={info} />
    </main>
  );
}

function PrintOutcome({ state }: { state: PrintState }): ReactElement | null {
  const { t } = useTranslation();
  if (state === 'printed') {
    return (
      <p className="notice notice--ok" role="status" data-testid="procedure-print-status" data-printed="true">
        {t('procedure.printed')}
      </p>
    );
  }
  if (state === 'failed') {
    return (
      <div className="notice notice--warning" role="alert" data-testid="procedure-print-status" data-printed="false">
        <span className="notice__icon">
          <PrinterIcon />
        </span>
        <div className="notice__text">
          <p className="notice__title">{t('procedure.printFailedTitle')}</p>
          <p>{t('procedure.printFailedBody')}</p>
        </div>
      </div>
    );
  }
  return null;
}
