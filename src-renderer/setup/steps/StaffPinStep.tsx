import { useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { PinPad } from '../../staff/PinPad';
import { Choice } from '../Choice';

interface StaffPinStepProps {
  /** A staff PIN exists already (a redo): it may be kept. */
  canKeep: boolean;
  /** null: keep the one there is; a PIN: typed twice the same. */
  pin: string | null;
  message: string | null;
  onChange: (pin: string | null) => void;
}

/** The staff PIN, typed twice; set when the wizard finishes (main checks it differs from the IT PIN). */
export function StaffPinStep({ canKeep, pin, message, onChange }: StaffPinStepProps): ReactElement {
  const { t } = useTranslation();
  const [typing, setTyping] = useState(!canKeep && pin === null);
  const [first, setFirst] = useState<string | null>(null);
  const [mismatch, setMismatch] = useState(false);
  if (typing) {
    return (
      <div className="setup-step__body setup-step__body--pin setup-step__body--pin-in-wizard" data-testid="setup-staff-pin">
        <PinPad
          key={first === null ? 1 : 2}
          title={t(first === null ? 'staffAccess.chooseStaff' : 'staffAccess.repeatStaff')}
          message={mismatch ? t('staffAccess.mismatch') : message}
          onSubmit={(typed) => {
            if (first === null) {
              setFirst(typed);
              setMismatch(false);
              return;
            }
            setFirst(null);
            if (typed !== first) return setMismatch(true);
            onChange(typed);
            setTyping(false);
          }}
          onCancel={() => {
            setFirst(null);
            setTyping(canKeep || pin !== null ? false : true);
          }}
        />
      </div>
    );
  }
  return (
    <div className="setup-step__body" data-testid="setup-staff-pin">
      <div className="setup-step__fields">
        {message ? <p className="setup-problem" role="alert">{message}</p> : null}
        <div className="setup-choices">
          {canKeep ? (
            <Choice testId="setup-staff-pin-keep" chosen={pin === null} onChoose={() => onChange(null)}>
              {t('setup.staffPin.keep')}
            </Choice>
          ) : null}
          <Choice testId="setup-staff-pin-change" chosen={pin !== null} onChoose={() => setTyping(true)}>
            {t(pin === null ? 'setup.staffPin.change' : 'setup.staffPin.again')}
          </Choice>
        </div>
        {pin !== null ? <p className="setup-ok" data-testid="setup-staff-pin-chosen">{t('setup.staffPin.chosen')}</p> : null}
      </div>
    </div>
  );
}
