import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../src-shared/dto';
import { otherLanguage } from '../i18n';

type BilingualKey = 'attract.touchToStart' | 'storeError.title' | 'storeError.body';

interface BilingualProps {
  k: BilingualKey;
  language: Language;
  className: string;
}

/**
 * A message shown before anyone has chosen a language: in the current language, and once more,
 * smaller, in the other one, so a visitor who reads only that one is not lost.
 */
export function Bilingual({ k, language, className }: BilingualProps): ReactElement {
  const { t } = useTranslation();
  const other = otherLanguage(language);
  return (
    // Spans, so this can sit inside a button (the attract screen is one).
    <span className={className}>
      <span className={`${className}__primary`}>{t(k, { lng: language })}</span>
      <span className={`${className}__secondary`} lang={other}>
        {t(k, { lng: other })}
      </span>
    </span>
  );
}
