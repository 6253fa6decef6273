import type { ReactElement, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { EditableStep } from './journey';
import { parseTypedDate, showDate } from './typed-date';
import { StepFrame } from './StepFrame';
import type { StepProps } from './step-props';

interface ReviewStepProps extends Omit<StepProps, 'onNext'> {
  onSubmit: () => void;
}

/** Everything on one screen, each part with a link back to change it, then Submit. */
export function ReviewStep({ procedure, state, language, problems, busy, dispatch, onBack, onSubmit }: ReviewStepProps): ReactElement {
  const { t } = useTranslation();
  const a = state.applicant;
  const section = (step: EditableStep, title: string, body: ReactNode) => (
    <section className="dossier__card dossier__review-part" data-testid={`review-${step}`}>
      <div className="dossier__review-head">
        <h2 className="dossier__heading">{title}</h2>
        <button type="button" className="dossier__edit" data-testid={`review-edit-${step}`} onClick={() => dispatch({ type: 'edit', step })}>
          {t('dossier.review.edit')}
        </button>
      </div>
      {body}
    </section>
  );
  const birth = parseTypedDate(a.birthDate);
  return (
    <StepFrame
      step="review"
      title={t('dossier.review.title')}
      subtitle={procedure.name[language]}
      language={language}
      problems={problems}
      onBack={onBack}
      onNext={onSubmit}
      nextLabel={t('dossier.review.submit')}
      busy={busy}
    >
      <div className="dossier__review">
        {section(
          'identify',
          t('dossier.steps.identify'),
          <dl className="dossier__facts">
            <dt>{t('dossier.identify.fullName')}</dt>
            <dd>{a.fullName}</dd>
            <dt>{t('dossier.identify.idNumber')}</dt>
            <dd>{a.idNumber}</dd>
            {birth ? (
              <>
                <dt>{t('dossier.identify.birthDate')}</dt>
                <dd>{showDate(birth)}</dd>
              </>
            ) : null}
            <dt>{t('dossier.identify.address')}</dt>
            <dd>{a.address}</dd>
            <dt>{t('dossier.identify.phone')}</dt>
            <dd>{state.contact.phone || '—'}</dd>
            <dt>{t('dossier.identify.email')}</dt>
            <dd>{state.contact.email || '—'}</dd>
            {state.representing ? (
              <>
                <dt>{t('dossier.identify.repName')}</dt>
                <dd>
                  {state.representative.fullName} ({state.representative.relation})
                </dd>
              </>
            ) : null}
          </dl>,
        )}
        {section(
          'form',
          t('dossier.steps.form'),
          <dl className="dossier__facts">
            {procedure.formFields.map((f) => {
              const value = state.formValues[f.id] ?? '';
              const shown = f.type === 'select' ? (f.options?.find((o) => o.value === value)?.label[language] ?? value) : value;
              return (
                <div key={f.id} className="dossier__fact">
                  <dt>{f.label[language]}</dt>
                  <dd>{shown || '—'}</dd>
                </div>
              );
            })}
          </dl>,
        )}
        {section(
          'documents',
          t('dossier.steps.documents'),
          <ul className="plain-list">
            {procedure.documents.map((d) => {
              const choice = state.documents[d.id];
              const how =
                choice?.kind === 'scanned'
                  ? t('dossier.review.scannedPages', { count: choice.pages.length })
                  : choice?.kind === 'paper'
                    ? t('dossier.review.paper')
                    : t('dossier.review.notGiven');
              return (
                <li key={d.id} data-testid={`review-doc-${d.id}`}>
                  <strong>{d.name[language]}</strong>: {how}
                </li>
              );
            })}
          </ul>,
        )}
        {section(
          'delivery',
          t('dossier.steps.delivery'),
          <p data-testid="review-delivery-method">
            {state.delivery.method ? t(`procedure.deliveries.${state.delivery.method}`) : '—'}
            {state.delivery.method === 'post' ? ` — ${state.delivery.postalAddress}` : ''}
          </p>,
        )}
        {section('consent', t('dossier.steps.consent'), <p>{state.consentAgreed ? t('dossier.review.agreed') : t('dossier.review.notAgreed')}</p>)}
      </div>
    </StepFrame>
  );
}
