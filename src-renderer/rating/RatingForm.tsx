import { useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { KioskClient } from '../../src-shared/contract';
import type { Language } from '../../src-shared/dto';
import { RATING_COMMENT_MAX, type RatingIndexCode, type RatingScore, type RatingTarget } from '../../src-shared/rating';
import { Icon } from '../components/Icons';
import { KeyboardPanel, TextField, type TextFieldSpec } from '../dossier/TextFields';
import '../dossier/dossier.css';
import { useAlive } from '../app/use-alive';
import './rating.css';

/** The three levels, best first, as large buttons: a face and the words (never the face alone). */
const LEVELS: readonly { score: RatingScore; icon: string }[] = [
  { score: 2, icon: 'smile' },
  { score: 1, icon: 'neutral' },
  { score: 0, icon: 'frown' },
];

interface RatingFormProps {
  kiosk: KioskClient;
  language: Language;
  target: RatingTarget;
  /** The subject's indices, in order (from checkRatingTarget). */
  indices: readonly RatingIndexCode[];
  /** The rating was stored (or the subject turned out rated meanwhile): show the thanks. */
  onSaved: () => void;
  /** One tap, nothing stored. */
  onSkip: () => void;
}

/**
 * The satisfaction questions of one subject (decision 0031): each index as three large choices,
 * an optional comment on the kiosk keyboard, Send and Skip. Nothing is asked about the person.
 */
export function RatingForm({ kiosk, language, target, indices, onSaved, onSkip }: RatingFormProps): ReactElement {
  const { t } = useTranslation();
  const [answers, setAnswers] = useState<Partial<Record<RatingIndexCode, RatingScore>>>({});
  const [comment, setComment] = useState('');
  const [writing, setWriting] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);
  const alive = useAlive();
  const complete = indices.every((code) => answers[code] !== undefined);

  const send = async () => {
    if (busy || !complete) return;
    setBusy(true);
    setFailed(false);
    const reply = await kiosk.submitRating({
      target,
      answers: indices.map((code) => ({ code, score: answers[code] ?? 0 })),
      ...(comment.trim() !== '' ? { comment } : {}),
    });
    if (!alive.current) return;
    setBusy(false);
    if (reply.ok && reply.value.state !== 'unavailable') onSaved();
    else setFailed(true);
  };

  const spec: TextFieldSpec = {
    path: 'rating.comment',
    label: t('rating.comment'),
    value: comment,
    maxLength: RATING_COMMENT_MAX,
    hint: t('rating.commentHint', { max: RATING_COMMENT_MAX }),
    multiline: true,
  };

  return (
    <main className={writing ? 'screen rating rating--writing' : 'screen rating'} data-testid="rating-form" data-subject={target.subject}>
      <h1 className="screen__title">{t(`rating.title.${target.subject}`)}</h1>
      <p className="screen__subtitle">{t('rating.subtitle')}</p>
      <div className={writing ? 'dossier__columns' : 'rating__body'}>
        <div className="rating__questions">
          <div className="rating__grid">
            {indices.map((code) => (
              <fieldset key={code} className="rating__index" data-testid={`rating-index-${code}`}>
                <legend className="rating__question">{t(`rating.index.${code}.question`)}</legend>
                <div className="rating__choices">
                  {LEVELS.map(({ score, icon }) => (
                    <button
                      key={score}
                      type="button"
                      className={`rating__choice rating__choice--${score}`}
                      aria-pressed={answers[code] === score}
                      data-testid={`rating-${code}-${score}`}
                      onClick={() => setAnswers((a) => ({ ...a, [code]: score }))}
                    >
                      <span className="rating__face">
                        <Icon name={icon} />
                      </span>
                      <span className="rating__level">{t(`rating.index.${code}.levels.${score}`)}</span>
                    </button>
                  ))}
                </div>
              </fieldset>
            ))}
          </div>
          {writing ? (
            <section className="dossier__card">
              <TextField spec={spec} active language={language} problems={[]} onActivate={() => undefined} />
            </section>
          ) : (
            <button type="button" className="button button--secondary rating__add-comment" data-testid="rating-add-comment" onClick={() => setWriting(true)}>
              {t('rating.addComment')}
            </button>
          )}
          {failed ? (
            <p className="notice notice--error" role="alert" data-testid="rating-error">
              {t('rating.failed')}
            </p>
          ) : null}
          <div className="actions rating__actions">
            <button type="button" className="button button--secondary" data-testid="rating-skip" onClick={onSkip}>
              {t('rating.skip')}
            </button>
            <button type="button" className="button button--primary button--wide" data-testid="rating-submit" disabled={!complete || busy} onClick={() => void send()}>
              {busy ? t('rating.sending') : complete ? t('rating.send') : t('rating.answerAll')}
            </button>
          </div>
        </div>
        {writing ? <KeyboardPanel language={language} spec={spec} onChange={(_path, value) => setComment(value)} /> : null}
      </div>
    </main>
  );
}
