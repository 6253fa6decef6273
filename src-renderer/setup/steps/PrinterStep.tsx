import { useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { SetupDevices, SetupPrinter } from '../../../src-shared/setup';
import { Choice } from '../Choice';
import { SetupField } from '../SetupField';
import { SetupKeyboard } from '../SetupKeyboard';
import type { TestOutcome } from '../test-outcome';
import { TestResult } from '../TestResult';

interface PrinterStepProps {
  printer: SetupPrinter;
  devices: SetupDevices | null;
  invalidField: string | null;
  test: TestOutcome<Record<string, never>>;
  onChange: (printer: SetupPrinter) => void;
  onTest: () => void;
}

type Field = 'host' | 'port';

/** How the ticket printer is reached, its paper, and a test page printed through exactly those settings. */
export function PrinterStep({ printer, devices, invalidField, test, onChange, onTest }: PrinterStepProps): ReactElement {
  const { t } = useTranslation();
  const [active, setActive] = useState<Field>('host');
  const drivers = (['virtual', 'tcp', 'device-file', 'spooler'] as const).filter((d) => d !== 'spooler' || devices?.spoolerAvailable === true || printer.driver === 'spooler');
  return (
    <div className={`setup-step__body${printer.driver === 'tcp' ? ' setup-step__body--typing' : ''}`} data-testid="setup-printer">
      <div className="setup-step__fields">
        <div className="setup-choices">
          {drivers.map((d) => (
            <Choice key={d} testId={`setup-printer-${d}`} chosen={printer.driver === d} onChoose={() => onChange({ ...printer, driver: d })}>
              {t(`setup.printer.drivers.${d}`)}
            </Choice>
          ))}
        </div>
        {printer.driver === 'tcp' ? (
          <div className="setup-row">
            <SetupField id="printer-host" label={t('setup.printer.host')} value={printer.host} active={active === 'host'} invalid={invalidField === 'printer.host'} onActivate={() => setActive('host')} />
            <SetupField id="printer-port" label={t('setup.printer.port')} value={String(printer.port)} active={active === 'port'} onActivate={() => setActive('port')} />
          </div>
        ) : null}
        {printer.driver === 'device-file' ? (
          <div className="setup-choices" data-testid="setup-printer-files">
            {devices?.printerDeviceFiles.length === 0 ? <p className="setup-hint">{t('setup.printer.noDeviceFile')}</p> : null}
            {devices?.printerDeviceFiles.map((path) => (
              <Choice key={path} testId={`setup-printer-file-${path}`} chosen={printer.devicePath === path} onChoose={() => onChange({ ...printer, devicePath: path })}>
                {path}
              </Choice>
            ))}
          </div>
        ) : null}
        <div className="setup-choices">
          <span className="setup-field__label">{t('setup.printer.paper')}</span>
          {([576, 384] as const).map((w) => (
            <Choice key={w} testId={`setup-printer-paper-${w}`} chosen={printer.paperWidthDots === w} onChoose={() => onChange({ ...printer, paperWidthDots: w })}>
              {t(`setup.printer.paper${w}`)}
            </Choice>
          ))}
        </div>
        <div className="setup-test">
          <button type="button" className="setup-button" data-testid="setup-test-print" disabled={test.state === 'busy'} onClick={onTest}>
            {t('setup.printer.test')}
          </button>
          <TestResult testId="setup-print-result" outcome={test} done={() => <p className="setup-ok">{t('setup.printer.printed')}</p>} />
        </div>
      </div>
      {printer.driver === 'tcp' ? (
        <SetupKeyboard
          key={active}
          text={active === 'host' ? printer.host : String(printer.port)}
          maxLength={active === 'host' ? 253 : 5}
          method="none"
          onChange={(text) => {
            if (active === 'host') return onChange({ ...printer, host: text });
            const port = Number(text.replace(/\D/g, '') || '0');
            onChange({ ...printer, port: Math.min(65535, Math.max(1, port)) });
          }}
        />
      ) : null}
    </div>
  );
}
