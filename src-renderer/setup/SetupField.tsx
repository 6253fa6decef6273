import type { ReactElement } from 'react';

interface SetupFieldProps {
  id: string;
  label: string;
  value: string;
  /** The field the keyboard types into. */
  active: boolean;
  invalid?: boolean;
  /** Shown as dots-free but cut in the middle when long (a token). */
  onActivate: () => void;
}

/**
 * A field of the wizard: a large touch target showing its text; tapping it sends the wizard's
 * keyboard there (no system keyboard opens in kiosk mode, and none is wanted).
 */
export function SetupField({ id, label, value, active, invalid = false, onActivate }: SetupFieldProps): ReactElement {
  return (
    <div className="setup-field">
      <span className="setup-field__label" id={`${id}-label`}>
        {label}
      </span>
      <button
        type="button"
        className={`setup-field__value${active ? ' setup-field__value--active' : ''}${invalid ? ' setup-field__value--invalid' : ''}`}
        data-testid={`setup-field-${id}`}
        aria-labelledby={`${id}-label`}
        aria-pressed={active}
        onClick={onActivate}
      >
        {value === '' ? '\u00a0' : value}
        {active ? <span className="setup-field__caret" aria-hidden="true" /> : null}
      </button>
    </div>
  );
}
