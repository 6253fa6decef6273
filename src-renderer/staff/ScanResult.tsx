import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../src-shared/dto';
import type { LastScan } from '../../src-shared/scan';
import { assertNever } from '../app/assert-never';
import { formatIssuedAt } from '../app/format';

const dmy = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

/** The last barcode scan as staff need to check it: a card's identity fields, a code, or why not. */
export function ScanResult({ scan, language }: { scan: LastScan | null; language: Language }): ReactElement {
  const { t } = useTranslation();
  if (scan === null) return <p data-testid="staff-scan-none">{t('staff.scan.none')}</p>;
  const { event } = scan;
  const when = <p className="staff-panel__muted">{t('staff.scan.when', { at: formatIssuedAt(scan.at), source: t(`staff.scan.source.${scan.source}`) })}</p>;
  switch (event.kind) {
    case 'cccd':
      return (
        <div data-testid="staff-scan" data-kind="cccd">
          {when}
          <dl className="staff-panel__fields">
            <dt>{t('staff.scan.name')}</dt>
            <dd data-testid="scan-name">{event.identity.fullName}</dd>
            <dt>{t('staff.scan.idNumber')}</dt>
            <dd data-testid="scan-id">{event.identity.idNumber}</dd>
            <dt>{t('staff.scan.birthDate')}</dt>
            <dd data-testid="scan-birth">{dmy(event.identity.birthDate)}</dd>
            <dt>{t('staff.scan.sex')}</dt>
            <dd>{t(`staff.scan.sexes.${event.identity.sex}`)}</dd>
            <dt>{t('staff.scan.address')}</dt>
            <dd>{event.identity.address}</dd>
            <dt>{t('staff.scan.issueDate')}</dt>
            <dd>{dmy(event.identity.issueDate)}</dd>
          </dl>
        </div>
      );
    case 'receipt':
    case 'dossier-code':
      return (
        <div data-testid="staff-scan" data-kind={event.kind}>
          {when}
          <p>{t(`staff.scan.kinds.${event.kind}`, { code: event.dossierCode })}</p>
        </div>
      );
    case 'unknown':
      return (
        <div data-testid="staff-scan" data-kind="unknown">
          {when}
          <p data-testid="scan-message">{event.message[language]}</p>
          <p className="staff-panel__muted">{t('staff.scan.reason', { reason: event.reason })}</p>
        </div>
      );
    default:
      return assertNever(event);
  }
}
