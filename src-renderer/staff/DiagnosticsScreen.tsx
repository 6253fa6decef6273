import type { TFunction } from 'i18next';
import { useCallback, useEffect, useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { ReasonText, useReasonWords } from '../components/ReasonText';
import type { KioskClient } from '../../src-shared/contract';
import type { Diagnostics, ExportDestination, ExportMount, LogExportResult, RecentEvent } from '../../src-shared/diagnostics';
import type { Language } from '../../src-shared/dto';
import { assertNever } from '../../src-shared/assert-never';
import { formatIssuedAt } from '../app/format';
import { formatBytes, formatDuration, formatSkew } from './diagnostics-format';
import './diagnostics.css';

type Load = { state: 'loading' } | { state: 'done'; value: Diagnostics } | { state: 'failed'; message: string };
type Export = { state: 'idle' } | { state: 'busy' } | { state: 'done'; value: LogExportResult } | { state: 'failed'; message: string };

interface DiagnosticsScreenProps {
  kiosk: KioskClient;
  language: Language;
  session: string;
  onClose: () => void;
}

/**
 * The IT diagnostics screen (issue #21, decision 0030): what `getDiagnostics` says, in words, and
 * the log export to a USB drive, a download (browser host) or the portal.
 */
export function DiagnosticsScreen({ kiosk, language, session, onClose }: DiagnosticsScreenProps): ReactElement {
  const { t } = useTranslation();
  const reasonWords = useReasonWords();
  const [load, setLoad] = useState<Load>({ state: 'loading' });
  const [mounts, setMounts] = useState<readonly ExportMount[] | null>(null);
  const [exported, setExported] = useState<Export>({ state: 'idle' });
  const [webHost, setWebHost] = useState(false);

  const refresh = useCallback(async () => {
    setLoad((l) => (l.state === 'done' ? l : { state: 'loading' }));
    const [diagnostics, drives] = await Promise.all([kiosk.getDiagnostics({ session }), kiosk.listExportMounts({ session })]);
    setLoad(diagnostics.ok ? { state: 'done', value: diagnostics.value } : { state: 'failed', message: diagnostics.error.message });
    setMounts(drives.ok ? drives.value : []);
  }, [kiosk, session]);

  useEffect(() => {
    void refresh();
    void kiosk.getInfo({}).then((reply) => reply.ok && setWebHost(reply.value.host === 'web'));
  }, [kiosk, refresh]);

  const runExport = async (destination: ExportDestination) => {
    setExported({ state: 'busy' });
    const reply = await kiosk.exportLogs({ session, destination });
    setExported(reply.ok ? { state: 'done', value: reply.value } : { state: 'failed', message: reply.error.message });
    if (reply.ok && reply.value.downloadPath) {
      // The browser saves it: the one-shot link is spent by this request.
      const link = document.createElement('a');
      link.href = reply.value.downloadPath;
      link.download = reply.value.fileName;
      link.click();
    }
    void refresh();
  };

  const d = load.state === 'done' ? load.value : null;
  const bytes = (value: number | null) => formatBytes(value, language, t);
  const when = (iso: string | null) => (iso === null ? t('diagnostics.never') : formatIssuedAt(iso));

  return (
    <div className="overlay staff-overlay" role="dialog" aria-modal="true" aria-labelledby="diagnostics-title" data-testid="diagnostics-screen" data-state={load.state}>
      <div className="staff-panel diagnostics">
        <header className="staff-panel__header">
          <h2 id="diagnostics-title">{t('diagnostics.title')}</h2>
          <div className="diagnostics__actions">
            <button type="button" className="staff-panel__button" data-testid="diagnostics-refresh" onClick={() => void refresh()}>
              {t('diagnostics.refresh')}
            </button>
            <button type="button" className="staff-panel__button" data-testid="diagnostics-close" onClick={onClose}>
              {t('diagnostics.back')}
            </button>
          </div>
        </header>
        {load.state === 'loading' ? <p>{t('app.working')}</p> : null}
        {load.state === 'failed' ? <p data-testid="diagnostics-error">{load.message}</p> : null}
        {d ? (
          <>
            <div className="diagnostics__grid">
              <dl data-testid="diagnostics-versions">
                <dt className="diagnostics__head">{t('diagnostics.terminal')}</dt>
                <dd className="diagnostics__head" data-testid="diagnostics-terminal">{d.terminalId}</dd>
                <Row label={t('diagnostics.appVersion')} value={d.versions.app} />
                <Row label={t('diagnostics.schemaVersion')} value={d.versions.schema === null ? t('diagnostics.unknown') : String(d.versions.schema)} testId="diagnostics-schema" />
                <Row label={t('diagnostics.catalogVersion')} value={d.versions.catalog ?? t('diagnostics.noCatalog')} />
                <Row label={t('diagnostics.apiVersion')} value={d.versions.api} />
                <Row label={t('diagnostics.host')} value={t(`diagnostics.hosts.${d.host}`)} />
                <Row label={t('diagnostics.uptime')} value={t('diagnostics.uptimeSince', { duration: formatDuration(d.uptimeSeconds, t), at: formatIssuedAt(d.startedAt) })} testId="diagnostics-uptime" />
              </dl>
              <dl data-testid="diagnostics-storage">
                <dt className="diagnostics__head">{t('diagnostics.storage')}</dt>
                <dd className="diagnostics__head" />
                <Row label={t('diagnostics.freeSpace')} value={bytes(d.storage.freeBytes)} testId="diagnostics-free" />
                <Row label={t('diagnostics.databaseSize')} value={bytes(d.storage.databaseBytes)} testId="diagnostics-db-size" />
                <Row label={t('diagnostics.dataDir')} value={d.storage.dataDir} />
                <dt className="diagnostics__head">{t('diagnostics.outbox')}</dt>
                <dd className="diagnostics__head" />
                <Row label={t('diagnostics.outboxDepth')} value={String(d.outbox.depth)} testId="diagnostics-outbox-depth" />
                <Row label={t('diagnostics.parked')} value={String(d.outbox.parked)} />
                <Row label={t('diagnostics.oldestPending')} value={d.outbox.oldestPendingAgeSeconds === null ? t('diagnostics.nothingPending') : formatDuration(d.outbox.oldestPendingAgeSeconds, t)} />
              </dl>
              <dl data-testid="diagnostics-link">
                <dt className="diagnostics__head">{t('diagnostics.link')}</dt>
                <dd className={`diagnostics__head diagnostics__link--${d.link.state}`} data-testid="diagnostics-link-state">
                  {t(`diagnostics.linkStates.${d.link.state}`)}
                </dd>
                <Row label={t('diagnostics.lastContact')} value={when(d.link.lastContactAt)} testId="diagnostics-last-contact" />
                <Row label={t('diagnostics.clockSkew')} value={formatSkew(d.link.clockSkewSeconds, t)} testId="diagnostics-skew" />
                <Row label={t('diagnostics.lastError')} value={d.link.lastError ? formatIssuedAt(d.link.lastError.at) : t('diagnostics.none')} />
              </dl>
            </div>
            {d.link.lastError ? (
              <details className="diagnostics__technical">
                <summary>{t('diagnostics.technical')}</summary>
                <code>{d.link.lastError.message}</code>
              </details>
            ) : null}

            <section data-testid="diagnostics-devices">
              <h3>{t('diagnostics.devices')}</h3>
              <table className="staff-panel__devices">
                <thead>
                  <tr>
                    <th>{t('staff.device')}</th>
                    <th>{t('staff.state')}</th>
                    <th>{t('diagnostics.since')}</th>
                    <th>{t('diagnostics.changes')}</th>
                  </tr>
                </thead>
                <tbody>
                  {d.devices.map((device) => (
                    <tr key={device.device} data-testid={`diagnostics-device-${device.device}`} data-state={device.state}>
                      <td>{t(`staff.devices.${device.device}`)}</td>
                      <td className={`staff-state staff-state--${device.state}`}>
                        {t(`staff.states.${device.state}`)}
                        <br />
                        <span className="staff-panel__muted">
                          <ReasonText kind="device" code={device.reason} />
                        </span>
                      </td>
                      <td>{formatIssuedAt(device.at)}</td>
                      <td>
                        {device.changes.length === 0 ? t('diagnostics.noChanges') : null}
                        <ul className="diagnostics__changes">
                          {device.changes.map((c, i) => (
                            <li key={i}>{t('diagnostics.change', { at: formatIssuedAt(c.at), state: t(`staff.states.${c.state}`), reason: reasonWords('device', c.reason) })}</li>
                          ))}
                        </ul>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>

            <section data-testid="diagnostics-export">
              <h3>{t('diagnostics.export')}</h3>
              <p className="staff-panel__muted">{t('diagnostics.exportHint')}</p>
              <div className="diagnostics__actions diagnostics__actions--wrap">
                {(mounts ?? []).map((m) => (
                  <button key={m.path} type="button" className="staff-panel__button" data-testid="diagnostics-export-usb" data-mount={m.path} disabled={exported.state === 'busy'} onClick={() => void runExport({ kind: 'usb', mount: m.path })}>
                    {t('diagnostics.toUsb', { label: m.label, free: bytes(m.freeBytes) })}
                  </button>
                ))}
                {webHost ? (
                  <button type="button" className="staff-panel__button" data-testid="diagnostics-export-download" disabled={exported.state === 'busy'} onClick={() => void runExport({ kind: 'download' })}>
                    {t('diagnostics.download')}
                  </button>
                ) : null}
                <button type="button" className="staff-panel__button" data-testid="diagnostics-export-portal" disabled={exported.state === 'busy' || d.link.state === 'disabled'} onClick={() => void runExport({ kind: 'portal' })}>
                  {t('diagnostics.toPortal')}
                </button>
              </div>
              {mounts !== null && mounts.length === 0 ? <p data-testid="diagnostics-no-usb">{t('diagnostics.noUsb')}</p> : null}
              <p data-testid="diagnostics-export-result" data-kind={exported.state === 'done' ? exported.value.kind : undefined}>
                {exported.state === 'busy' ? t('app.working') : null}
                {exported.state === 'done' ? exportOutcome(exported.value, t, bytes) : null}
                {exported.state === 'failed' ? exported.message : null}
              </p>
            </section>

            <section data-testid="diagnostics-events">
              <h3>{t('diagnostics.events', { count: d.events.length })}</h3>
              {d.events.length === 0 ? <p>{t('diagnostics.noEvents')}</p> : null}
              <ol className="diagnostics__events">
                {d.events.map((e, i) => (
                  <EventLine key={i} event={e} />
                ))}
              </ol>
            </section>
          </>
        ) : null}
      </div>
    </div>
  );
}

function exportOutcome(result: LogExportResult, t: TFunction, bytes: (n: number) => string): string {
  const size = bytes(result.bytes);
  switch (result.kind) {
    case 'usb':
      return t('diagnostics.exportedUsb', { file: result.fileName, size, folder: result.writtenTo ?? '' });
    case 'download':
      return t('diagnostics.exportedDownload', { file: result.fileName, size });
    case 'portal':
      return t('diagnostics.exportedPortal', { file: result.fileName, size, id: result.portalId ?? '' });
    default:
      return assertNever(result.kind);
  }
}

/** One log event: its time, its level in words, what happened and its fields. */
function EventLine({ event }: { event: RecentEvent }): ReactElement {
  const { t } = useTranslation();
  // An empty field says nothing a technician needs; the log file keeps it.
  const fields = Object.entries(event.fields).filter(([, v]) => v !== null && v !== '');
  return (
    <li className={`diagnostics__event diagnostics__event--${event.level}`} data-level={event.level}>
      <span className="diagnostics__event-time">{formatIssuedAt(event.at)}</span>
      <span className="diagnostics__event-level">{t(`diagnostics.levels.${event.level}`)}</span>
      <span className="diagnostics__event-text">
        {event.event}
        {fields.length > 0 ? <span className="staff-panel__muted"> — {fields.map(([k, v]) => `${k}: ${String(v)}`).join(', ')}</span> : null}
      </span>
    </li>
  );
}

function Row({ label, value, testId }: { label: string; value: string; testId?: string }): ReactElement {
  return (
    <>
      <dt>{label}</dt>
      <dd data-testid={testId}>{value}</dd>
    </>
  );
}
