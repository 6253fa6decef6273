import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { StepFrame } from './StepFrame';
import { KeyboardPanel, TextField, type TextFieldSpec } from './TextFields';
import type { StepProps } from './step-props';
import { useActiveField } from './use-active-field';

type DeliveryStepProps = StepProps;

/** How the result comes back: only the ways this procedure offers; by post to an address prefilled from the card. */
export function DeliveryStep({ procedure, state, language, problems, busy, dispatch, onBack, onNext }: DeliveryStepProps): ReactElement {
  const { t } = useTranslation();
  const method = state.delivery.method;
  const fields: TextFieldSpec[] = [];
  if (method === 'post') {
    fields.push({ path: 'delivery.postalAddress', label: t('dossier.delivery.postalAddress'), value: state.delivery.postalAddress, maxLength: 250, required: true, multiline: true });
  }
  if (method === 'electronic') {
    fields.push({ path: 'contact.email', label: t('dossier.identify.email'), value: state.contact.email, maxLength: 254, required: true });
  }
  const [active, setActive] = useActiveField(fields.map((f) => f.path), problems);
  const activeSpec = fields.find((f) => f.path === active);
  return (
    <StepFrame
      step="delivery"
      title={t('dossier.delivery.title')}
      language={language}
      problems={problems}
      onBack={onBack}
      onNext={method ? onNext : undefined}
      busy={busy}
    >
      <div className="dossier__columns">
        <div className="dossier__fields">
          <div className="choice-list choice-list--big" role="radiogroup" aria-label={t('dossier.delivery.title')}>
            {procedure.delivery.map((d) => (
              <button
                key={d}
                type="button"
                role="radio"
                aria-checked={method === d}
                className="choice choice--big"
                data-testid={`delivery-${d}`}
                onClick={() => dispatch({ type: 'deliveryChosen', method: d })}
              >
                <span className="choice__title">{t(`procedure.deliveries.${d}`)}</span>
                <span className="choice__description">{t(`dossier.delivery.explain.${d}`)}</span>
              </button>
            ))}
          </div>
          {fields.length > 0 ? (
            <section className="dossier__card">
              {method === 'post' ? <p className="dossier__small">{t('dossier.delivery.postalHint')}</p> : null}
              {fields.map((spec) => (
                <TextField key={spec.path} spec={spec} active={spec.path === active} language={language} problems={problems} onActivate={() => setActive(spec.path)} />
              ))}
            </section>
          ) : null}
        </div>
        {fields.length > 0 ? <KeyboardPanel language={language} spec={activeSpec} onChange={(path, value) => dispatch({ type: 'setText', path, value })} /> : null}
      </div>
    </StepFrame>
  );
}
