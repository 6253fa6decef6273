import { useCallback, useEffect, useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { KioskClient, ResponseOf } from '../../src-shared/contract';
import type { Language } from '../../src-shared/dto';
import type { GrantedSession, StaffRole, TestRead } from '../../src-shared/staff-access';
import type { DeviceStatus } from '../../src-shared/staff';
import { formatIssuedAt } from '../app/format';
import { alertReasonKind, ReasonText, TechnicalDetail, useReasonWords } from '../components/ReasonText';
import { SyncDetails } from '../sync/SyncDetails';
import { DayReportSection } from './DayReportSection';
import { DiagnosticsLink } from './DiagnosticsLink';
import { AssistCitizen } from './AssistCitizen';
import { PinSettings } from './PinSettings';
import { ScanResult } from './ScanResult';
import { StaffModeBanner } from './StaffModeBanner';
import { useStaffAlerts } from './use-staff-alerts';
import './staff.css';

type Outcome<T> = { state: 'idle' } | { state: 'busy' } | { state: 'done'; value: T } | { state: 'failed'; message: string };

interface StaffPanelProps {
  kiosk: KioskClient;
  language: Language;
  /** The session main issued after the PIN; every staff call carries its token. */
  granted: GrantedSession;
  /** A line to show once (a PIN saved). */
  notice: string | null;
  onChangePin: (role: StaffRole) => void;
  /** IT: the set-up wizard again, prefilled with the running configuration (issue #19). */
  onSetupWizard?: () => void;
  /** Logs out and closes. */
  onClose: () => void;
}

/**
 * Device status for staff and IT, behind the PIN (StaffGate): each device's state, reason, time
 * and last problem; test print, test scan, test read (masked in main); sync; the staff alerts.
 */
export function StaffPanel({ kiosk, language, granted, notice, onChangePin, onSetupWizard, onClose }: StaffPanelProps): ReactElement {
  const { t } = useTranslation();
  const [devices, setDevices] = useState<readonly DeviceStatus[]>([]);
  const [print, setPrint] = useState<Outcome<ResponseOf<'testPrint'>>>({ state: 'idle' });
  const [docScan, setDocScan] = useState<Outcome<ResponseOf<'testDocumentScan'>>>({ state: 'idle' });
  const [read, setRead] = useState<Outcome<TestRead | null>>({ state: 'idle' });
  const { session } = granted;
  const alerts = useStaffAlerts(kiosk, session);
  const reasonWords = useReasonWords();

  const refresh = useCallback(async () => {
    const reply = await kiosk.getDeviceStatus({ session });
    if (reply.ok) setDevices(reply.value);
  }, [kiosk, session]);

  useEffect(() => {
    void refresh();
    const offHealth = kiosk.on('deviceHealth', () => void refresh());
    // While the panel is open, each scan shows at once as "test read" shows it: masked by main.
    // The event itself carries a card's data for the citizen's screens; the panel never shows it.
    const offScan = kiosk.on('scan', () => {
      void kiosk.getLastScan({ session }).then((reply) => reply.ok && setRead({ state: 'done', value: reply.value }));
    });
    return () => {
      offHealth();
      offScan();
    };
  }, [kiosk, refresh, session]);

  const run = async <T,>(set: (o: Outcome<T>) => void, call: () => Promise<{ ok: true; value: T } | { ok: false; error: { message: string } }>) => {
    set({ state: 'busy' });
    const reply = await call();
    set(reply.ok ? { state: 'done', value: reply.value } : { state: 'failed', message: reply.error.message });
    void refresh();
  };

  return (
    <div className="overlay staff-overlay" role="dialog" aria-modal="true" aria-labelledby="staff-title" data-testid="staff-panel">
      <StaffModeBanner />
      <div className="staff-panel">
        <header className="staff-panel__header">
          <h2 id="staff-title">{t('staff.title')}</h2>
          <p className="staff-panel__role" data-testid="staff-role" data-role={granted.role}>
            {t(`staffAccess.roleBanner.${granted.role}`)}
          </p>
          <button type="button" className="staff-panel__button" data-testid="staff-close" onClick={onClose}>
            {t('staffAccess.logout')}
          </button>
        </header>
        {notice ? <p data-testid="staff-notice">{notice}</p> : null}
        {granted.role === 'it' ? <DiagnosticsLink kiosk={kiosk} language={language} session={session} /> : null}
        {granted.role === 'it' && onSetupWizard ? (
          <button type="button" className="staff-panel__button" data-testid="staff-setup-wizard" onClick={onSetupWizard}>
            {t('setup.openWizard')}
          </button>
        ) : null}

        <table className="staff-panel__devices" data-testid="staff-devices">
          <thead>
            <tr>
              <th>{t('staff.device')}</th>
              <th>{t('staff.state')}</th>
              <th>{t('staff.reason')}</th>
              <th>{t('staff.lastError')}</th>
            </tr>
          </thead>
          <tbody>
            {devices.map(({ health, lastError }) => (
              <tr key={health.device} data-testid={`staff-device-${health.device}`} data-state={health.state}>
                <td>{t(`staff.devices.${health.device}`)}</td>
                <td className={`staff-state staff-state--${health.state}`}>{t(`staff.states.${health.state}`)}</td>
                <td>
                  <ReasonText kind="device" code={health.reason} detail={health.detail} />
                  <br />
                  <span className="staff-panel__muted">{formatIssuedAt(health.at)}</span>
                </td>
                <td>{lastError ? t('staff.lastErrorAt', { reason: reasonWords('device', lastError.reason), at: formatIssuedAt(lastError.at) }) : t('staff.none')}</td>
              </tr>
            ))}
          </tbody>
        </table>

        <section className="staff-panel__tests">
          <div className="staff-panel__test">
            <button type="button" className="staff-panel__button" data-testid="staff-test-print" disabled={print.state === 'busy'} onClick={() => void run(setPrint, () => kiosk.testPrint({ session }))}>
              {t('staff.testPrint')}
            </button>
            <p data-testid="staff-print-result" data-printed={print.state === 'done' ? String(print.value.printed) : undefined}>
              {print.state === 'busy' ? t('app.working') : null}
              {print.state === 'done' && print.value.printed ? t('staff.printed') : null}
              {print.state === 'done' && !print.value.printed ? (
                <>
                  {t('staff.printFailed')}
                  {print.value.printError ? <TechnicalDetail detail={print.value.printError} /> : null}
                </>
              ) : null}
              {print.state === 'failed' ? print.message : null}
            </p>
          </div>
          <div className="staff-panel__test">
            <button type="button" className="staff-panel__button" data-testid="staff-test-scan" disabled={docScan.state === 'busy'} onClick={() => void run(setDocScan, () => kiosk.testDocumentScan({ session }))}>
              {t('staff.testScan')}
            </button>
            <div data-testid="staff-scan-result">
              {docScan.state === 'busy' ? <p>{t('app.working')}</p> : null}
              {docScan.state === 'failed' ? <p>{docScan.message}</p> : null}
              {docScan.state === 'done' ? (
                <>
                  <p>{t('staff.scanned', { pages: docScan.value.pageCount, kb: Math.round(docScan.value.pdfBytes / 1024), ms: Math.round(docScan.value.durationMs) })}</p>
                  <div className="staff-panel__thumbs">
                    {docScan.value.thumbnails.filter((src) => src.startsWith('data:image/png;base64,')).map((src, i) => (
                      <img key={i} src={src} alt={t('staff.page', { n: i + 1 })} />
                    ))}
                  </div>
                </>
              ) : null}
            </div>
          </div>
          <div className="staff-panel__test">
            <button type="button" className="staff-panel__button" data-testid="staff-test-read" onClick={() => void run(setRead, () => kiosk.getLastScan({ session }))}>
              {t('staff.testRead')}
            </button>
            {read.state === 'done' ? <ScanResult scan={read.value} /> : null}
            {read.state === 'failed' ? <p>{read.message}</p> : null}
            {read.state === 'idle' ? <p className="staff-panel__muted">{t('staff.testReadHint')}</p> : null}
          </div>
        </section>

        <AssistCitizen kiosk={kiosk} language={language} session={session} />

        <SyncDetails kiosk={kiosk} language={language} session={session} />
        <DayReportSection kiosk={kiosk} language={language} session={session} />

        <section data-testid="staff-alerts">
          <h3>{t('staff.alerts')}</h3>
          {alerts.length === 0 ? <p>{t('staff.none')}</p> : null}
          <ul className="staff-panel__alerts">
            {alerts.map((a) => (
              <li key={a.id} data-open={a.resolvedAt === null} data-reason={a.reason}>
                {t(a.resolvedAt === null ? 'staff.alertOpen' : 'staff.alertResolved', {
                  device: t(`staff.alertSources.${a.source}`),
                  reason: reasonWords(alertReasonKind(a.reason), a.reason, a.params),
                  at: formatIssuedAt(a.raisedAt),
                  resolvedAt: a.resolvedAt ? formatIssuedAt(a.resolvedAt) : '',
                })}
                {a.detail ? <TechnicalDetail detail={a.detail} /> : null}
              </li>
            ))}
          </ul>
        </section>

        {granted.role === 'it' ? <PinSettings kiosk={kiosk} onChangePin={onChangePin} /> : null}
      </div>
    </div>
  );
}
