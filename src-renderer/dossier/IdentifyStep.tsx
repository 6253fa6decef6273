import { useEffect, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { useAnnounce } from '../speech/speech-context';
import type { DraftProblem } from '../../src-shared/dossier';
import type { Language } from '../../src-shared/dto';
import type { ScanMessage } from '../../src-shared/scan';
import { Icon } from '../components/Icons';
import type { JourneyAction, JourneyState } from './journey';
import { StepFrame } from './StepFrame';
import { KeyboardPanel, TextField, type TextFieldSpec } from './TextFields';
import { showDate } from './typed-date';
import { useActiveField } from './use-active-field';

interface IdentifyStepProps {
  state: JourneyState;
  language: Language;
  problems: readonly DraftProblem[];
  /** The last scan that was not a CCCD, in words. */
  scanProblem: ScanMessage | null;
  busy: boolean;
  dispatch: (action: JourneyAction) => void;
  onBack: () => void;
  onNext: () => void;
}

/** Who submits: the CCCD's QR (shown for confirmation) or typed; contact; someone acting for them. */
export function IdentifyStep({ state, language, problems, scanProblem, busy, dispatch, onBack, onNext }: IdentifyStepProps): ReactElement {
  const { t } = useTranslation();
  const a = state.applicant;
  const typing = state.identityMode === 'typing';

  const identityFields: TextFieldSpec[] = typing
    ? [
        { path: 'applicant.fullName', label: t('dossier.identify.fullName'), value: a.fullName, maxLength: 100, letterCase: 'words', required: true },
        { path: 'applicant.idNumber', label: t('dossier.identify.idNumber'), value: a.idNumber, maxLength: 12, hint: t('dossier.identify.idHint'), required: true },
        { path: 'applicant.birthDate', label: t('dossier.identify.birthDate'), value: a.birthDate, maxLength: 10, hint: t('dossier.identify.dateHint') },
        { path: 'applicant.address', label: t('dossier.identify.address'), value: a.address, maxLength: 250, required: true, multiline: true },
      ]
    : [];
  const contactFields: TextFieldSpec[] = [
    { path: 'contact.phone', label: t('dossier.identify.phone'), value: state.contact.phone, maxLength: 20, hint: t('dossier.identify.phoneHint') },
    { path: 'contact.email', label: t('dossier.identify.email'), value: state.contact.email, maxLength: 254 },
  ];
  const repFields: TextFieldSpec[] = state.representing
    ? [
        { path: 'representative.fullName', label: t('dossier.identify.repName'), value: state.representative.fullName, maxLength: 100, letterCase: 'words', required: true },
        { path: 'representative.idNumber', label: t('dossier.identify.repId'), value: state.representative.idNumber, maxLength: 12, required: true },
        { path: 'representative.relation', label: t('dossier.identify.repRelation'), value: state.representative.relation, maxLength: 100, hint: t('dossier.identify.repRelationHint'), required: true },
      ]
    : [];
  const all = [...identityFields, ...contactFields, ...repFields];
  const [active, setActive] = useActiveField(all.map((f) => f.path), problems);
  const activeSpec = all.find((f) => f.path === active);
  const field = (spec: TextFieldSpec) => (
    <TextField key={spec.path} spec={spec} active={spec.path === active} language={language} problems={problems} onActivate={() => setActive(spec.path)} />
  );
  const identityKnown = state.identityMode !== 'choose';
  // The card was read: said with the ID number's last four digits only, and never the name.
  const announce = useAnnounce();
  const cardRead = state.identityMode === 'scanned' && a.idNumber.length >= 4 ? a.idNumber.slice(-4) : null;
  useEffect(() => {
    if (cardRead) announce(t('speech.cardRead', { digits: cardRead.split('').join(' ') }));
  }, [cardRead, announce, t]);

  return (
    <StepFrame
      step="identify"
      title={t('dossier.identify.title')}
      language={language}
      problems={problems}
      onBack={onBack}
      onNext={identityKnown ? onNext : undefined}
      nextLabel={state.identityMode === 'scanned' ? t('dossier.identify.confirm') : undefined}
      busy={busy}
    >
      <div className="dossier__columns">
        <div className="dossier__fields">
          {state.identityMode === 'choose' ? (
            <section className="dossier__card dossier__scan-prompt" data-testid="identify-scan-prompt">
              <div className="dossier__scan-art" aria-hidden="true">
                <span className="dossier__scan-card">
                  <Icon name="person" />
                </span>
              </div>
              <p className="dossier__lead">{t('dossier.identify.scanPrompt')}</p>
              <p>{t('dossier.identify.scanHint')}</p>
              {scanProblem ? (
                <p className="notice notice--warning" role="alert" data-testid="identify-scan-problem">
                  {scanProblem[language]}
                </p>
              ) : null}
              <button type="button" className="button button--secondary button--wide" data-testid="identify-type" onClick={() => dispatch({ type: 'typeIdentity' })}>
                {t('dossier.identify.typeInstead')}
              </button>
            </section>
          ) : null}
          {state.identityMode === 'scanned' ? (
            <section className="dossier__card" data-testid="identify-scanned">
              <h2 className="dossier__heading">{t('dossier.identify.fromCard')}</h2>
              <dl className="dossier__facts">
                <dt>{t('dossier.identify.fullName')}</dt>
                <dd data-testid="identify-name">{a.fullName}</dd>
                <dt>{t('dossier.identify.idNumber')}</dt>
                <dd data-testid="identify-id">{a.idNumber}</dd>
                <dt>{t('dossier.identify.birthDate')}</dt>
                <dd>{showDate(a.birthDate)}</dd>
                <dt>{t('dossier.identify.sex')}</dt>
                <dd>{a.sex ? t(`dossier.identify.sexes.${a.sex}`) : '—'}</dd>
                <dt>{t('dossier.identify.address')}</dt>
                <dd data-testid="identify-address">{a.address}</dd>
              </dl>
              <p className="dossier__small">{t('dossier.identify.notYou')}</p>
              <button type="button" className="button button--secondary" data-testid="identify-edit" onClick={() => dispatch({ type: 'typeIdentity' })}>
                {t('dossier.identify.correct')}
              </button>
            </section>
          ) : null}
          {typing ? (
            <section className="dossier__card" data-testid="identify-typing">
              {identityFields.map(field)}
              <div className="field">
                <span className="field__label">{t('dossier.identify.sex')}</span>
                <div className="segmented" role="group">
                  {(['male', 'female'] as const).map((sex) => (
                    <button key={sex} type="button" className="segmented__button" aria-pressed={a.sex === sex} onClick={() => dispatch({ type: 'setSex', sex })}>
                      {t(`dossier.identify.sexes.${sex}`)}
                    </button>
                  ))}
                </div>
              </div>
            </section>
          ) : null}
          {identityKnown ? (
            <>
              <section className="dossier__card">
                <h2 className="dossier__heading">{t('dossier.identify.contactTitle')}</h2>
                <p className="dossier__small">{t('dossier.identify.contactWhy')}</p>
                {contactFields.map(field)}
              </section>
              <section className="dossier__card">
                <label className="check" data-testid="identify-representing">
                  <input
                    type="checkbox"
                    checked={state.representing}
                    onChange={(e) => dispatch({ type: 'setRepresenting', representing: e.target.checked })}
                  />
                  <span>{t('dossier.identify.representing')}</span>
                </label>
                {repFields.map(field)}
              </section>
            </>
          ) : null}
        </div>
        {identityKnown ? <KeyboardPanel language={language} spec={activeSpec} onChange={(path, value) => dispatch({ type: 'setText', path, value })} /> : null}
      </div>
    </StepFrame>
  );
}
