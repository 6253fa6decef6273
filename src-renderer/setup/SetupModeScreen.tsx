import { useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { KioskClient } from '../../src-shared/contract';
import type { KioskInfo } from '../../src-shared/dto';
import { SetupWizard } from './SetupWizard';
import './setup.css';

/**
 * A terminal with no configuration yet (issue #19): citizens see a calm "being set up" and
 * nothing they could use; IT opens the wizard here, starting with the IT PIN.
 */
export function SetupModeScreen({ kiosk, info }: { kiosk: KioskClient; info: KioskInfo }): ReactElement {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  if (open) return <SetupWizard kiosk={kiosk} session={null} onCancel={() => setOpen(false)} />;
  return (
    <main className="setup-mode" data-testid="screen-setup-mode">
      {/* Before anyone chose a language: both, Vietnamese first. */}
      <h1 lang="vi">{t('setup.mode.title', { lng: 'vi' })}</h1>
      <p lang="vi">{t('setup.mode.text', { lng: 'vi' })}</p>
      <h2 lang="en">{t('setup.mode.title', { lng: 'en' })}</h2>
      <p lang="en">{t('setup.mode.text', { lng: 'en' })}</p>
      <button type="button" className="setup-button setup-button--quiet" data-testid="setup-open" onClick={() => setOpen(true)}>
        {t('setup.mode.open')}
      </button>
      <p className="setup-mode__version">
        {info.version} · {info.host}
      </p>
    </main>
  );
}
