import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language, QueueServiceDto } from '../../src-shared/dto';
import { ScreenFrame } from '../components/ScreenFrame';

/** Shown while the core issues and prints the ticket (printing can take a few seconds). */
export function IssuingScreen({ service, language }: { service: QueueServiceDto; language: Language }): ReactElement {
  const { t } = useTranslation();
  return (
    <ScreenFrame testId="screen-issuing" title={t('issuing.title')} subtitle={t('issuing.hint')}>
      <p className="chosen-service">{service.name[language]}</p>
      <div className="spinner" role="progressbar" aria-label={t('app.working')} />
    </ScreenFrame>
  );
}
