import { useCallback, useEffect, useState, type ReactElement } from 'react';
import type { KioskClient } from '../../src-shared/contract';
import type { Language } from '../../src-shared/dto';
import type { ParkedRow, SyncStatus } from '../../src-shared/sync';
import { formatIssuedAt } from '../app/format';
import { ReasonText } from '../components/ReasonText';
import { syncTexts } from './sync-texts';

/**
 * The rows set aside for staff, each with what it is about and why it stopped, and a button that
 * sends it again once the cause is fixed (the portal's rule, a damaged file replaced). Reloaded
 * with each refresh of the sync status, so a row parked or sent meanwhile shows.
 */
export function ParkedRows({
  kiosk,
  language,
  session,
  status,
  onRequeued,
}: {
  kiosk: KioskClient;
  language: Language;
  session: string;
  status: SyncStatus;
  onRequeued: () => void;
}): ReactElement | null {
  const x = syncTexts[language];
  const [rows, setRows] = useState<ParkedRow[]>([]);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState<number | null>(null);
  const load = useCallback(async () => {
    const reply = await kiosk.listParkedRows({ session });
    if (reply.ok) setRows(reply.value);
    else setProblem(reply.error.message);
  }, [kiosk, session]);
  useEffect(() => {
    void load();
  }, [load, status]);
  const retry = async (id: number) => {
    setBusy(id);
    setProblem(null);
    const reply = await kiosk.retryParkedRow({ id, session });
    setBusy(null);
    if (!reply.ok) setProblem(reply.error.message);
    else if (!reply.value.requeued) setProblem(x.notParked);
    await load();
    onRequeued();
  };
  if (rows.length === 0 && problem === null) return null;
  return (
    <div className="parked-rows" data-testid="staff-parked">
      <h4>{x.parkedTitle}</h4>
      {problem ? <p role="alert">{problem}</p> : null}
      <ul>
        {rows.map((row) => (
          <li key={row.id} data-testid="staff-parked-row" data-row-id={row.id}>
            <p>
              <strong>{x.kinds[row.kind]}</strong> {row.dossierCode ?? ''} · {formatIssuedAt(row.parkedAt)} · {x.attempts(row.attempts)}
            </p>
            <p className="parked-rows__reason">
              <ReasonText kind="parked" code={row.reason} detail={row.detail} />
            </p>
            <button type="button" className="staff-panel__button" disabled={busy !== null} onClick={() => void retry(row.id)}>
              {x.retry}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
