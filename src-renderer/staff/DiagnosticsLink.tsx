import { useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { KioskClient } from '../../src-shared/contract';
import type { Language } from '../../src-shared/dto';
import { DiagnosticsScreen } from './DiagnosticsScreen';

/** The IT panel's way into the diagnostics screen (shown for the IT role only; main checks the role). */
export function DiagnosticsLink({ kiosk, language, session }: { kiosk: KioskClient; language: Language; session: string }): ReactElement {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className="staff-panel__button" data-testid="diagnostics-open" onClick={() => setOpen(true)}>
        {t('diagnostics.open')}
      </button>
      {open ? <DiagnosticsScreen kiosk={kiosk} language={language} session={session} onClose={() => setOpen(false)} /> : null}
    </>
  );
}
