import type { ReactElement } from 'react';
import type { KioskClient } from '../../src-shared/contract';
import type { Language } from '../../src-shared/dto';
import { formatIssuedAt } from '../app/format';
import { ReasonText } from '../components/ReasonText';
import { ParkedRows } from './ParkedRows';
import { syncTexts } from './sync-texts';
import { useSyncStatus } from './use-sync-status';
import './link-dot.css';

/** Over 2 minutes off the portal's clock (the kiosk raises the `clock` staff alert then too). */
const clockOff = (skewSeconds: number | null): boolean => skewSeconds !== null && Math.abs(skewSeconds) > 120;

/** The staff panel's sync section: link state, outbox depth, oldest pending age, clock skew, last error, rows set aside. */
export function SyncDetails({ kiosk, language, session }: { kiosk: KioskClient; language: Language; session: string }): ReactElement {
  const { status, refresh } = useSyncStatus(kiosk, session);
  const x = syncTexts[language];
  return (
    <section className="sync-details" data-testid="staff-sync" data-state={status?.state}>
      <h3>{x.title}</h3>
      {status ? (
        <dl>
          <dt>{x.state}</dt>
          <dd data-testid="staff-sync-state">{x.states[status.state]}</dd>
          <dt>{x.portal}</dt>
          <dd>{status.portalOrigin ?? x.none}</dd>
          <dt>{x.enrolled}</dt>
          <dd>{status.enrolled ? x.yes : x.no}</dd>
          <dt>{x.depth}</dt>
          <dd data-testid="staff-sync-depth">{status.outboxDepth}</dd>
          <dt>{x.parked}</dt>
          <dd data-testid="staff-sync-parked">{status.parked}</dd>
          <dt>{x.oldest}</dt>
          <dd>{status.oldestPendingAgeSeconds === null ? x.none : x.seconds(status.oldestPendingAgeSeconds)}</dd>
          <dt>{x.clock}</dt>
          <dd data-testid="staff-sync-clock" data-off={clockOff(status.clockSkewSeconds)}>
            {status.clockSkewSeconds === null ? x.none : x.clockSkew(status.clockSkewSeconds)}
            {clockOff(status.clockSkewSeconds) ? ` (${x.clockOff})` : ''}
          </dd>
          <dt>{x.lastError}</dt>
          <dd data-testid="sync-last-error">
            {status.lastError ? (
              <>
                {formatIssuedAt(status.lastError.at)} — <ReasonText kind="sync" code={status.lastError.code} detail={status.lastError.message} />
              </>
            ) : (
              x.none
            )}
          </dd>
        </dl>
      ) : null}
      {status && status.parked > 0 ? <ParkedRows kiosk={kiosk} language={language} session={session} status={status} onRequeued={() => void refresh()} /> : null}
    </section>
  );
}
