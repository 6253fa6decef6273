import { useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { SetupCenter } from '../../../src-shared/setup';
import { SetupField } from '../SetupField';
import { SetupKeyboard } from '../SetupKeyboard';

type Field = 'terminalId' | 'nameVi' | 'nameEn';

interface CenterStepProps {
  center: SetupCenter;
  invalidField: string | null;
  onChange: (center: SetupCenter) => void;
}

/** The terminal's id (dossier codes, audit, the portal) and the center's name in both languages. */
export function CenterStep({ center, invalidField, onChange }: CenterStepProps): ReactElement {
  const { t } = useTranslation();
  const [active, setActive] = useState<Field>('terminalId');
  const value = active === 'terminalId' ? center.terminalId : active === 'nameVi' ? center.centerName.vi : center.centerName.en;
  const set = (text: string) => {
    if (active === 'terminalId') onChange({ ...center, terminalId: text.toUpperCase() });
    else if (active === 'nameVi') onChange({ ...center, centerName: { ...center.centerName, vi: text } });
    else onChange({ ...center, centerName: { ...center.centerName, en: text } });
  };
  return (
    <div className="setup-step__body setup-step__body--typing" data-testid="setup-center">
      <div className="setup-step__fields">
        <SetupField id="terminal-id" label={t('setup.center.terminalId')} value={center.terminalId} active={active === 'terminalId'} invalid={invalidField === 'center.terminalId'} onActivate={() => setActive('terminalId')} />
        <p className="setup-hint">{t('setup.center.terminalIdHint')}</p>
        <SetupField id="center-vi" label={t('setup.center.nameVi')} value={center.centerName.vi} active={active === 'nameVi'} invalid={invalidField === 'center.centerName.vi'} onActivate={() => setActive('nameVi')} />
        <SetupField id="center-en" label={t('setup.center.nameEn')} value={center.centerName.en} active={active === 'nameEn'} invalid={invalidField === 'center.centerName.en'} onActivate={() => setActive('nameEn')} />
      </div>
      <SetupKeyboard key={active} text={value} maxLength={active === 'terminalId' ? 32 : 200} method={active === 'nameVi' ? 'telex' : 'none'} onChange={set} />
    </div>
  );
}
