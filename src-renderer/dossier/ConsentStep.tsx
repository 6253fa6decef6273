import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../src-shared/dto';
import { CONSENT_VERSION } from './consent';
import { retentionWhen } from './retention-text';
import type { JourneyAction, JourneyState } from './journey';
import { StepFrame } from './StepFrame';

interface ConsentStepProps {
  state: JourneyState;
  language: Language;
  /** privacy.retentionHours: the text says how long the kiosk keeps the data. */
  retentionHours: number;
  dispatch: (action: JourneyAction) => void;
  onBack: () => void;
  onNext: () => void;
}

const purposes = ['receive', 'contact', 'deliver', 'keep'] as const;

/** Decree 13/2023: what the personal data is used for, in plain words, and an explicit yes. */
export function ConsentStep({ state, language, retentionHours, dispatch, onBack, onNext }: ConsentStepProps): ReactElement {
  const { t } = useTranslation();
  return (
    <StepFrame step="consent" title={t('dossier.consent.title')} language={language} problems={[]} onBack={onBack} onNext={state.consentAgreed ? onNext : undefined}>
      <section className="dossier__card dossier__consent" data-testid="consent-text" data-version={CONSENT_VERSION}>
        <p className="dossier__lead">{t('dossier.consent.intro')}</p>
        <ul className="dossier__purposes">
          {purposes.map((p) => (
            <li key={p}>{t(`dossier.consent.purposes.${p}`)}</li>
          ))}
        </ul>
        <p data-testid="consent-kept">{t('privacy.consentKept', { when: retentionWhen(t, retentionHours) })}</p>
        <p>{t('dossier.consent.rights')}</p>
        <p className="dossier__small">{t('dossier.consent.version', { version: CONSENT_VERSION })}</p>
      </section>
      <label className="check check--big" data-testid="consent-agree">
        <input type="checkbox" checked={state.consentAgreed} onChange={(e) => dispatch({ type: 'consentChosen', agreed: e.target.checked })} />
        <span>{t('dossier.consent.agree')}</span>
      </label>
      {!state.consentAgreed ? <p className="dossier__small">{t('dossier.consent.needed')}</p> : null}
    </StepFrame>
  );
}
