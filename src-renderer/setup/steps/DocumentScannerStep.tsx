import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { ResponseOf } from '../../../src-shared/contract';
import type { SetupDevices, SetupDocumentScanner } from '../../../src-shared/setup';
import { Choice } from '../Choice';
import type { TestOutcome } from '../test-outcome';
import { TestResult } from '../TestResult';

type Page = Extract<ResponseOf<'testSetupDocumentScanner'>, { valid: true }>['value'];

interface DocumentScannerStepProps {
  scanner: SetupDocumentScanner;
  devices: SetupDevices | null;
  test: TestOutcome<Page>;
  onChange: (scanner: SetupDocumentScanner) => void;
  onTest: () => void;
}

/** The scanners `scanimage -L` finds, or the virtual one; a test scan shows the page and its size. */
export function DocumentScannerStep({ scanner, devices, test, onChange, onTest }: DocumentScannerStepProps): ReactElement {
  const { t } = useTranslation();
  const found = devices?.documentScanners ?? [];
  return (
    <div className="setup-step__body" data-testid="setup-docscan">
      <div className="setup-step__fields">
        <div className="setup-choices setup-choices--list">
          <Choice testId="setup-docscan-virtual" chosen={scanner.driver === 'virtual'} onChoose={() => onChange({ driver: 'virtual', device: '' })}>
            {t('setup.docscan.virtual')}
          </Choice>
          {found.map((d) => (
            <Choice key={d.name} testId={`setup-docscan-${d.name}`} chosen={scanner.driver === 'sane' && scanner.device === d.name} onChoose={() => onChange({ driver: 'sane', device: d.name })}>
              {d.description} <code>{d.name}</code>
            </Choice>
          ))}
        </div>
        {devices?.documentScannerProblem ? <p className="setup-hint">{t('setup.docscan.listFailed')}</p> : null}
        {devices && found.length === 0 && !devices.documentScannerProblem ? <p className="setup-hint">{t('setup.docscan.noneFound')}</p> : null}
        <div className="setup-test">
          <button type="button" className="setup-button" data-testid="setup-test-scan" disabled={test.state === 'busy'} onClick={onTest}>
            {t('setup.docscan.test')}
          </button>
          <TestResult
            testId="setup-scan-result"
            outcome={test}
            busyText={t('setup.docscan.scanning')}
            done={(page) => (
              <div className="setup-scan-page">
                <img src={page.thumbnail.startsWith('data:image/png;base64,') ? page.thumbnail : ''} alt={t('setup.docscan.page')} />
                <p className="setup-ok">{t('setup.docscan.scanned', { width: page.widthPx, height: page.heightPx, dpi: page.dpi })}</p>
              </div>
            )}
          />
        </div>
      </div>
    </div>
  );
}
