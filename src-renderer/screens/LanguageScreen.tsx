import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../src-shared/dto';
import { Tile, TileGrid } from '../components/Tile';
import { ScreenFrame } from '../components/ScreenFrame';
import { languages } from '../i18n';

export function LanguageScreen({ onChoose }: { onChoose: (language: Language) => void }): ReactElement {
  const { t } = useTranslation();
  return (
    <ScreenFrame testId="screen-language" title={t('language.title')} subtitle={t('language.subtitle')}>
      <TileGrid>
        {languages.map((code) => (
          <Tile
            key={code}
            // A language is always named in itself, whatever the current language is.
            title={t(`languages.${code}`, { lng: code })}
            icon="globe"
            large
            lang={code}
            testId={`language-${code}`}
            onSelect={() => onChoose(code)}
          />
        ))}
      </TileGrid>
    </ScreenFrame>
  );
}
