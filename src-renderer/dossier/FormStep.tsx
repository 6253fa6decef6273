import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { FormField } from '../../src-shared/catalog';
import { problemAt } from './journey';
import { caseForPattern } from './letter-case';
import { StepFrame } from './StepFrame';
import { KeyboardPanel, TextField, type TextFieldSpec } from './TextFields';
import type { StepProps } from './step-props';
import { useActiveField } from './use-active-field';

type FormStepProps = StepProps;

/** The procedure's own form, field by field as the catalog lists them, nothing more. */
export function FormStep({ procedure, state, language, problems, busy, dispatch, onBack, onNext }: FormStepProps): ReactElement {
  const { t } = useTranslation();
  const spec = (f: FormField): TextFieldSpec => ({
    path: `formValues.${f.id}`,
    label: f.label[language],
    value: state.formValues[f.id] ?? '',
    maxLength: f.maxLength ?? (f.type === 'textarea' ? 1000 : 200),
    letterCase: f.prefill === 'cccd.fullName' ? 'words' : caseForPattern(f.pattern),
    hint: f.type === 'date' ? t('dossier.form.dateHint') : undefined,
    required: f.required,
    multiline: f.type === 'textarea',
  });
  const specs = procedure.formFields.filter((f) => f.type !== 'select').map(spec);
  const [active, setActive] = useActiveField(specs.map((s) => s.path), problems);
  const activeSpec = specs.find((s) => s.path === active);
  return (
    <StepFrame step="form" title={t('dossier.form.title')} subtitle={t('dossier.form.subtitle')} language={language} problems={problems} onBack={onBack} onNext={onNext} busy={busy}>
      <div className="dossier__columns">
        <div className="dossier__fields">
          <section className="dossier__card">
            {procedure.formFields.map((f) => {
              if (f.type !== 'select') {
                const s = spec(f);
                return <TextField key={f.id} spec={s} active={s.path === active} language={language} problems={problems} onActivate={() => setActive(s.path)} />;
              }
              const problem = problemAt(problems, `formValues.${f.id}`);
              return (
                <div key={f.id} className={problem ? 'field field--invalid' : 'field'} data-testid={`field-formValues-${f.id}`}>
                  <span className="field__label">
                    {f.label[language]}
                    {f.required ? <span className="field__required"> *</span> : null}
                  </span>
                  <div className="choice-list">
                    {(f.options ?? []).map((o) => (
                      <button
                        key={o.value}
                        type="button"
                        className="choice"
                        aria-pressed={state.formValues[f.id] === o.value}
                        data-testid={`option-${f.id}-${o.value}`}
                        onClick={() => dispatch({ type: 'setText', path: `formValues.${f.id}`, value: o.value })}
                      >
                        {o.label[language]}
                      </button>
                    ))}
                  </div>
                  {problem ? (
                    <span className="field__problem" role="alert">
                      {problem.message[language]}
                    </span>
                  ) : null}
                </div>
              );
            })}
          </section>
        </div>
        <KeyboardPanel language={language} spec={activeSpec} onChange={(path, value) => dispatch({ type: 'setText', path, value })} />
      </div>
    </StepFrame>
  );
}
