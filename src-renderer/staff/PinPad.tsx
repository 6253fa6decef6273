import { useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { MIN_PIN_DIGITS } from '../../src-shared/staff-access';

const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9'] as const;
const MAX_DIGITS = 12;

interface PinPadProps {
  title: string;
  /** A problem or outcome to show above the keys (wrong PIN, locked, mismatch). */
  message?: string | null;
  busy?: boolean;
  onSubmit: (pin: string) => void;
  onCancel: () => void;
}

/**
 * The on-screen PIN pad: large keys, the digits shown only as dots, no physical keyboard needed.
 * The PIN lives in this component's state until OK and is cleared as it is sent.
 */
export function PinPad({ title, message = null, busy = false, onSubmit, onCancel }: PinPadProps): ReactElement {
  const { t } = useTranslation();
  const [pin, setPin] = useState('');
  const press = (digit: string) => setPin((p) => (p.length < MAX_DIGITS ? p + digit : p));
  const submit = () => {
    if (pin.length < MIN_PIN_DIGITS) return;
    const typed = pin;
    setPin('');
    onSubmit(typed);
  };
  return (
    <div className="pin-pad" data-testid="pin-pad">
      <h2>{title}</h2>
      <p className="pin-pad__hint">{t('staffAccess.padHint')}</p>
      <div className="pin-pad__dots" data-testid="pin-dots" data-count={pin.length} aria-label={t('staffAccess.digits', { count: pin.length })}>
        {pin.length === 0 ? <span className="pin-pad__empty">—</span> : '●'.repeat(pin.length)}
      </div>
      <p className="pin-pad__message" role="alert" data-testid="pin-message">
        {busy ? t('staffAccess.checking') : message}
      </p>
      <div className="pin-pad__keys">
        {KEYS.map((k) => (
          <button key={k} type="button" className="pin-pad__key" data-testid={`pin-key-${k}`} disabled={busy} onClick={() => press(k)}>
            {k}
          </button>
        ))}
        <button type="button" className="pin-pad__key pin-pad__key--small" data-testid="pin-erase" disabled={busy} onClick={() => setPin((p) => p.slice(0, -1))}>
          {t('staffAccess.erase')}
        </button>
        <button type="button" className="pin-pad__key" data-testid="pin-key-0" disabled={busy} onClick={() => press('0')}>
          0
        </button>
        <button type="button" className="pin-pad__key pin-pad__key--ok" data-testid="pin-ok" disabled={busy || pin.length < MIN_PIN_DIGITS} onClick={submit}>
          {t('staffAccess.ok')}
        </button>
      </div>
      <button type="button" className="staff-panel__button" data-testid="pin-cancel" onClick={onCancel}>
        {t('staffAccess.cancel')}
      </button>
    </div>
  );
}
