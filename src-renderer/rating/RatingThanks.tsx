import { useEffect, useRef, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { Icon } from '../components/Icons';
import './rating.css';

/** After a rating: the thanks stays a few seconds, then the visit goes on (or ends) by itself. */
const THANKS_SECONDS = 8;

export function RatingThanks({ onDone }: { onDone: () => void }): ReactElement {
  const { t } = useTranslation();
  // One timer from the moment the thanks shows: a parent's re-render (a new onDone) does not restart it.
  const done = useRef(onDone);
  done.current = onDone;
  useEffect(() => {
    const timer = setTimeout(() => done.current(), THANKS_SECONDS * 1000);
    return () => clearTimeout(timer);
  }, []);
  return (
    <main className="screen rating rating--thanks" data-testid="rating-thanks">
      <span className="rating__thanks-face">
        <Icon name="smile" />
      </span>
      <h1 className="screen__title" role="status">
        {t('rating.thanks')}
      </h1>
      <p className="screen__subtitle">{t('rating.thanksDetail')}</p>
      <div className="actions">
        <button type="button" className="button button--primary button--wide" data-testid="rating-done" onClick={onDone}>
          {t('rating.done')}
        </button>
      </div>
    </main>
  );
}
