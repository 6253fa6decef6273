import { useEffect, useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { KioskClient } from '../../src-shared/contract';
import type { Language } from '../../src-shared/dto';
import type { RatingIndexCode, RatingTarget } from '../../src-shared/rating';
import { assertNever } from '../../src-shared/assert-never';
import { useAlive } from '../app/use-alive';
import { Icon } from '../components/Icons';
import { KeyboardPanel, TextField, type TextFieldSpec } from '../dossier/TextFields';
import '../dossier/dossier.css';
import { RatingForm } from './RatingForm';
import { RatingThanks } from './RatingThanks';
import './rating.css';

interface RatingScreenProps {
  kiosk: KioskClient;
  language: Language;
  /** Rated or skipped: back to the home screen. */
  onDone: () => void;
}

type By = 'dossier' | 'counter';

type Phase =
  | { name: 'choose' }
  | { name: 'name'; by: By; answer: 'none' | 'rated' | 'unavailable' | 'failed' }
  | { name: 'asking'; target: RatingTarget; indices: RatingIndexCode[] }
  | { name: 'thanks' };

/**
 * The "Đánh giá" tile: a dossier's handling by the code on its receipt (once it has a result), or
 * today's visit at the counter by the queue ticket's number; then the same questions as after a receipt.
 */
export function RatingScreen({ kiosk, language, onDone }: RatingScreenProps): ReactElement {
  const { t } = useTranslation();
  const [phase, setPhase] = useState<Phase>({ name: 'choose' });
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const alive = useAlive();

  // The receipt's QR fills the dossier code, as on the lookup screen.
  useEffect(
    () =>
      kiosk.on('scan', (event) => {
        if (event.kind === 'receipt' || event.kind === 'dossier-code') {
          setText(event.dossierCode);
          setPhase({ name: 'name', by: 'dossier', answer: 'none' });
        }
      }),
    [kiosk],
  );

  const check = async (by: By) => {
    if (busy) return;
    const target: RatingTarget = by === 'dossier' ? { subject: 'dossier', code: text } : { subject: 'counter', ticket: text };
    setBusy(true);
    const reply = await kiosk.checkRatingTarget({ target });
    if (!alive.current) return;
    setBusy(false);
    if (!reply.ok) setPhase({ name: 'name', by, answer: 'failed' });
    else if (reply.value.state === 'open') setPhase({ name: 'asking', target, indices: reply.value.indices });
    else setPhase({ name: 'name', by, answer: reply.value.state });
  };

  switch (phase.name) {
    case 'choose':
      return (
        <main className="screen rating" data-testid="screen-rating">
          <h1 className="screen__title">{t('rating.tile.title')}</h1>
          <p className="screen__subtitle">{t('rating.tile.subtitle')}</p>
          <div className="tile-grid">
            {(['dossier', 'counter'] as const).map((by) => (
              <button
                key={by}
                type="button"
                className="tile"
                data-testid={`rating-by-${by}`}
                onClick={() => {
                  setText('');
                  setPhase({ name: 'name', by, answer: 'none' });
                }}
              >
                <span className="tile__icon">
                  <Icon name={by === 'dossier' ? 'document' : 'ticket'} />
                </span>
                <span className="tile__text">
                  <span className="tile__title">{t(`rating.tile.${by}.title`)}</span>
                  <span className="tile__description">{t(`rating.tile.${by}.description`)}</span>
                </span>
              </button>
            ))}
          </div>
        </main>
      );
    case 'name': {
      const { by, answer } = phase;
      const spec: TextFieldSpec = {
        path: `rating.${by}`,
        label: t(`rating.tile.${by}.field`),
        value: text,
        maxLength: by === 'dossier' ? 64 : 16,
        letterCase: 'upper',
        hint: t(`rating.tile.${by}.hint`),
        required: true,
      };
      return (
        <main className="screen dossier rating" data-testid="screen-rating-name" data-by={by}>
          <h1 className="screen__title dossier__title">{t(`rating.tile.${by}.title`)}</h1>
          <div className="dossier__columns">
            <div className="dossier__fields">
              <section className="dossier__card">
                <TextField spec={spec} active language={language} problems={[]} onActivate={() => undefined} />
                <div className="actions">
                  <button type="button" className="button button--secondary" data-testid="rating-other-way" onClick={() => setPhase({ name: 'choose' })}>
                    {t('rating.tile.otherWay')}
                  </button>
                  <button type="button" className="button button--primary button--wide" data-testid="rating-check" disabled={text.trim() === '' || busy} onClick={() => void check(by)}>
                    {busy ? t('dossier.checking') : t('rating.tile.check')}
                  </button>
                </div>
              </section>
              {answer !== 'none' ? (
                <p className={`notice ${answer === 'rated' ? 'notice--ok' : 'notice--warning'}`} role="alert" data-testid="rating-answer" data-answer={answer}>
                  {t(`rating.tile.answer.${answer === 'unavailable' ? by : answer}`)}
                </p>
              ) : null}
            </div>
            <KeyboardPanel
              language={language}
              spec={spec}
              onChange={(_path, value) => {
                setText(value);
                if (answer !== 'none') setPhase({ name: 'name', by, answer: 'none' });
              }}
            />
          </div>
        </main>
      );
    }
    case 'asking':
      return <RatingForm kiosk={kiosk} language={language} target={phase.target} indices={phase.indices} onSaved={() => setPhase({ name: 'thanks' })} onSkip={onDone} />;
    case 'thanks':
      return <RatingThanks onDone={onDone} />;
    default:
      return assertNever(phase);
  }
}
