import { useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { DraftProblem } from '../../src-shared/dossier';
import type { Language } from '../../src-shared/dto';
import { InputMethodSwitch } from '../keyboard/InputMethodSwitch';
import { OnScreenKeyboard } from '../keyboard/OnScreenKeyboard';
import type { InputMethod } from '../keyboard/vietnamese-ime';
import { problemAt } from './journey';
import { applyCase, type LetterCase } from './letter-case';

/** One text the citizen types, known by its path in the journey state (e.g. applicant.fullName). */
export interface TextFieldSpec {
  path: string;
  label: string;
  value: string;
  maxLength: number;
  letterCase?: LetterCase;
  /** Shown under the label: the expected shape, e.g. "dd.mm.yyyy". */
  hint?: string | undefined;
  required?: boolean;
  multiline?: boolean;
}

interface TextFieldProps {
  spec: TextFieldSpec;
  active: boolean;
  language: Language;
  problems: readonly DraftProblem[];
  onActivate: () => void;
}

/** A field typed only on the kiosk keyboard: tap it to type into it; its problem shows under it. */
export function TextField({ spec, active, language, problems, onActivate }: TextFieldProps): ReactElement {
  const { t } = useTranslation();
  const problem = problemAt(problems, spec.path);
  const id = `field-${spec.path.replace(/\W/g, '-')}`;
  return (
    <div className={['field', active ? 'field--active' : '', problem ? 'field--invalid' : ''].filter(Boolean).join(' ')}>
      <label className="field__label" htmlFor={id}>
        {spec.label}
        {spec.required ? <span className="field__required"> *</span> : <span className="field__optional"> ({t('dossier.optional')})</span>}
      </label>
      {spec.hint ? <span className="field__hint">{spec.hint}</span> : null}
      <button
        type="button"
        id={id}
        className={spec.multiline ? 'field__input field__input--multiline' : 'field__input'}
        data-testid={id}
        data-path={spec.path}
        aria-pressed={active}
        onClick={onActivate}
      >
        {spec.value === '' ? <span className="field__placeholder">{t('dossier.tapToType')}</span> : spec.value}
        {active ? <span className="field__caret" aria-hidden="true" /> : null}
      </button>
      {problem ? (
        <span className="field__problem" role="alert" data-testid={`${id}-problem`}>
          {problem.message[language]}
        </span>
      ) : null}
    </div>
  );
}

/** Keys the kiosk keyboard lacks and emails, addresses and IDs need. */
const extraKeys = ['@', '-', '_', '/', ',', '+'] as const;

interface KeyboardPanelProps {
  language: Language;
  spec: TextFieldSpec | undefined;
  onChange: (path: string, value: string) => void;
}

/** The keyboard for the active field, with the input method switch for Vietnamese. */
export function KeyboardPanel({ language, spec, onChange }: KeyboardPanelProps): ReactElement {
  const { t } = useTranslation();
  const [method, setMethod] = useState<InputMethod>('telex');
  if (!spec) {
    return (
      <section className="dossier__keyboard dossier__keyboard--idle">
        <p>{t('dossier.tapAField')}</p>
      </section>
    );
  }
  const effective: InputMethod = language === 'vi' ? method : 'none';
  const change = (text: string) => onChange(spec.path, applyCase(text, spec.letterCase ?? 'none'));
  return (
    <section className="dossier__keyboard" aria-label={t('dossier.keyboardFor', { field: spec.label })}>
      <p className="dossier__keyboard-target">{t('dossier.typingInto', { field: spec.label })}</p>
      {language === 'vi' ? <InputMethodSwitch method={method} onChoose={setMethod} /> : null}
      <OnScreenKeyboard language={language} method={effective} text={spec.value} maxLength={spec.maxLength} onChange={change} />
      <div className="dossier__extra-keys">
        {extraKeys.map((key) => (
          <button
            key={key}
            type="button"
            className="dossier__extra-key"
            data-testid={`extra-key-${key}`}
            onClick={() => {
              if ([...spec.value].length < spec.maxLength) change(spec.value + key);
            }}
          >
            {key}
          </button>
        ))}
      </div>
    </section>
  );
}
