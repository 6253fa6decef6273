import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { ResponseOf } from '../../../src-shared/contract';
import type { SetupBarcodeScanner, SetupDevices } from '../../../src-shared/setup';
import { Choice } from '../Choice';
import type { TestOutcome } from '../test-outcome';
import { TestResult } from '../TestResult';

type Read = Extract<ResponseOf<'testSetupBarcodeScanner'>, { valid: true }>['value'];

interface BarcodeStepProps {
  scanner: SetupBarcodeScanner;
  devices: SetupDevices | null;
  test: TestOutcome<Read>;
  onChange: (scanner: SetupBarcodeScanner) => void;
  onTest: () => void;
}

const hex = (n: number) => n.toString(16).padStart(4, '0');

/** The HID devices plugged in (scanners first), or the virtual scanner; a test read shows what was read. */
export function BarcodeStep({ scanner, devices, test, onChange, onTest }: BarcodeStepProps): ReactElement {
  const { t } = useTranslation();
  const hid = devices?.hid ?? [];
  const listed = hid.some((d) => d.vendorId === scanner.vendorId && d.productId === scanner.productId);
  return (
    <div className="setup-step__body" data-testid="setup-barcode">
      <div className="setup-step__fields">
        <div className="setup-choices setup-choices--list">
          <Choice testId="setup-scanner-virtual" chosen={scanner.driver === 'virtual'} onChoose={() => onChange({ ...scanner, driver: 'virtual' })}>
            {t('setup.scanner.virtual')}
          </Choice>
          {hid.map((d) => (
            <Choice key={`${d.vendorId}:${d.productId}`} testId={`setup-scanner-${hex(d.vendorId)}-${hex(d.productId)}`} chosen={scanner.driver === 'hid' && scanner.vendorId === d.vendorId && scanner.productId === d.productId} onChoose={() => onChange({ driver: 'hid', vendorId: d.vendorId, productId: d.productId })}>
              {[d.manufacturer, d.product].filter(Boolean).join(' ') || t('setup.scanner.unnamed')} ({hex(d.vendorId)}:{hex(d.productId)}){d.barcodeScanner ? ` · ${t('setup.scanner.isScanner')}` : ''}
            </Choice>
          ))}
          {scanner.driver === 'hid' && !listed ? (
            <Choice testId="setup-scanner-configured" chosen onChoose={() => undefined}>
              {t('setup.scanner.notPlugged', { id: `${hex(scanner.vendorId)}:${hex(scanner.productId)}` })}
            </Choice>
          ) : null}
        </div>
        {devices?.hidProblem ? <p className="setup-hint">{t('setup.scanner.listFailed')}</p> : null}
        {devices && hid.length === 0 && !devices.hidProblem ? <p className="setup-hint">{t('setup.scanner.noneFound')}</p> : null}
        <div className="setup-test">
          <button type="button" className="setup-button" data-testid="setup-test-read" disabled={test.state === 'busy'} onClick={onTest}>
            {t('setup.scanner.test')}
          </button>
          <TestResult
            testId="setup-read-result"
            outcome={test}
            busyText={t('setup.scanner.waiting')}
            done={(read) => (
              <p className="setup-ok" data-kind={read.kind}>
                {t('setup.scanner.read', { kind: t(`setup.scanner.kinds.${read.kind}`), length: read.length })} <code>{read.shown}</code>
              </p>
            )}
          />
        </div>
      </div>
    </div>
  );
}
