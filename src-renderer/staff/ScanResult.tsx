import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { TestRead } from '../../src-shared/staff-access';
import { formatIssuedAt } from '../app/format';

/**
 * The last scan as a technician needs it: kind, length, a card's masked ID and initials. Main
 * masks it; there is no full data here to show (Decree 13/2023).
 */
export function ScanResult({ scan }: { scan: TestRead | null }): ReactElement {
  const { t } = useTranslation();
  if (scan === null) return <p data-testid="staff-scan-none">{t('staff.scan.none')}</p>;
  return (
    <div data-testid="staff-scan" data-kind={scan.kind}>
      <p className="staff-panel__muted">{t('staff.scan.when', { at: formatIssuedAt(scan.at), source: t(`staff.scan.source.${scan.source}`) })}</p>
      <p data-testid="scan-kind">{t('staffAccess.testReadKind', { kind: t(`staffAccess.kinds.${scan.kind}`), length: scan.length })}</p>
      {scan.maskedId !== null ? (
        <dl className="staff-panel__fields">
          <dt>{t('staffAccess.testReadId')}</dt>
          <dd data-testid="scan-id">{scan.maskedId}</dd>
          <dt>{t('staffAccess.testReadInitials')}</dt>
          <dd data-testid="scan-initials">{scan.initials}</dd>
        </dl>
      ) : null}
      {scan.reason !== null ? <p className="staff-panel__muted" data-testid="scan-reason">{t('staff.scan.reason', { reason: scan.reason })}</p> : null}
    </div>
  );
}
