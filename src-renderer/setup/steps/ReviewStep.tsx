import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { SetupDraft } from '../../../src-shared/setup';

interface ReviewStepProps {
  draft: SetupDraft;
  staffPin: string | null;
  itPinNew: boolean;
  /** What the portal said of the center at the trial enrollment. */
  portalFound: { centerId: string; agencyCode: string; timeZone: string } | null;
}

const hex = (n: number) => n.toString(16).padStart(4, '0');

/** Everything the wizard will write, one line each, before anything is. */
export function ReviewStep({ draft, staffPin, itPinNew, portalFound }: ReviewStepProps): ReactElement {
  const { t } = useTranslation();
  const { center, portal, printer, barcodeScanner, documentScanner } = draft;
  const rows: [string, string][] = [
    [t('setup.center.terminalId'), center.terminalId],
    [t('setup.center.nameVi'), center.centerName.vi],
    [t('setup.center.nameEn'), center.centerName.en],
    [t('setup.steps.portal'), portal.mode === 'offline' ? t('setup.portal.offline') : portal.portalUrl],
    ...(portalFound ? [[t('setup.review.portalCenter'), `${portalFound.centerId} · ${portalFound.agencyCode} · ${portalFound.timeZone}`] as [string, string]] : []),
    [
      t('setup.steps.printer'),
      `${t(`setup.printer.drivers.${printer.driver}`)}${printer.driver === 'tcp' ? ` ${printer.host}:${printer.port}` : ''}${printer.driver === 'device-file' ? ` ${printer.devicePath}` : ''} · ${t(`setup.printer.paper${printer.paperWidthDots}`)}`,
    ],
    [t('setup.steps.barcode'), barcodeScanner.driver === 'virtual' ? t('setup.scanner.virtual') : `HID ${hex(barcodeScanner.vendorId)}:${hex(barcodeScanner.productId)}`],
    [t('setup.steps.docscan'), documentScanner.driver === 'virtual' ? t('setup.docscan.virtual') : documentScanner.device || t('setup.docscan.first')],
    [t('setup.review.itPin'), t(itPinNew ? 'setup.review.pinNew' : 'setup.review.pinKept')],
    [t('setup.review.staffPin'), t(staffPin === null ? 'setup.review.pinKept' : 'setup.review.pinNew')],
  ];
  return (
    <div className="setup-step__body" data-testid="setup-review">
      <dl className="setup-review">
        {rows.map(([label, value]) => (
          <div key={label} className="setup-review__row">
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      <p className="setup-hint">{t('setup.review.hint')}</p>
    </div>
  );
}
