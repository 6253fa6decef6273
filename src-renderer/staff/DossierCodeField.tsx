import { useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../src-shared/dto';
import { applyCase } from '../dossier/letter-case';
import { OnScreenKeyboard } from '../keyboard/OnScreenKeyboard';

/** Codes are `TAM-KIOSK01-261206-0001` or `000.00.31.H29-261123-0042`: the layout has `.` but not `-`. */
const CODE_EXTRA_KEYS = ['-'] as const;

interface DossierCodeFieldProps {
  language: Language;
  value: string;
  maxLength: number;
  onChange: (code: string) => void;
}

/**
 * The staff panel's dossier code, typed on the kiosk's own keyboard (a kiosk has no physical
 * one). No input method: Telex would make a terminal id `BAS` into `BÁ` and `DD` into `Đ`. Shown in
 * capitals, as codes are printed; main upper-cases what it gets anyway.
 */
export function DossierCodeField({ language, value, maxLength, onChange }: DossierCodeFieldProps): ReactElement {
  const { t } = useTranslation();
  const [typing, setTyping] = useState(false);
  const change = (text: string) => onChange(applyCase(text, 'upper'));
  return (
    <div className={['staff-code', typing ? 'staff-code--typing' : ''].filter(Boolean).join(' ')}>
      <label className="staff-code__label" htmlFor="staff-work-code">
        {t('staffWork.dossierCode')}
      </label>
      {/* A button, not an input: a tap opens the kiosk keyboard and never the system one. */}
      <button
        type="button"
        id="staff-work-code"
        className="staff-code__value"
        data-testid="staff-work-code"
        aria-pressed={typing}
        onClick={() => setTyping(true)}
      >
        {value === '' ? <span className="staff-code__placeholder">{t('staffWork.tapToTypeCode')}</span> : value}
      </button>
      {typing ? (
        <div className="staff-code__keyboard" aria-label={t('staffWork.codeKeyboard')} role="group" data-testid="staff-work-code-keyboard">
          <OnScreenKeyboard language={language} method="none" text={value} maxLength={maxLength} onChange={change} />
          <div className="staff-code__extra-keys">
            {CODE_EXTRA_KEYS.map((key) => (
              <button
                key={key}
                type="button"
                className="staff-code__extra-key"
                data-testid={`extra-key-${key}`}
                onClick={() => {
                  if ([...value].length < maxLength) change(value + key);
                }}
              >
                {key}
              </button>
            ))}
          </div>
        </div>
      ) : null}
    </div>
  );
}
