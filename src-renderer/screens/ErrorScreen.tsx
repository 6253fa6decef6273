import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { KioskErrorPayload } from '../../src-shared/errors';
import { ScreenFrame } from '../components/ScreenFrame';

/**
 * A failed call, in plain words chosen by error code. The core's own message is technical and
 * may be in English only, so it is not shown to the visitor; the code helps staff.
 */
export function ErrorScreen({ error, onHome }: { error: KioskErrorPayload; onHome: () => void }): ReactElement {
  const { t } = useTranslation();
  return (
    <ScreenFrame testId="screen-error" title={t('errors.title')} spoken={`${t(`errors.codes.${error.code}`)} ${t('errors.advice')}`}>
      <div className="notice notice--error" role="alert">
        <p className="notice__title" data-testid="error-message">
          {t(`errors.codes.${error.code}`)}
        </p>
        <p>{t('errors.advice')}</p>
        <p className="staff-detail">{t('errors.code', { code: error.code })}</p>
      </div>
      <div className="actions">
        <button type="button" className="button button--primary button--wide" data-testid="error-home" onClick={onHome}>
          {t('common.home')}
        </button>
      </div>
    </ScreenFrame>
  );
}
