import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { AudioGuideButton } from '../speech/AudioGuideButton';
import type { DeviceHealth, Language } from '../../src-shared/dto';
import { homeTiles, offlineDevices } from '../app/home-tiles';
import type { SessionAction } from '../app/session';
import { ScreenFrame } from '../components/ScreenFrame';
import { Tile, TileGrid } from '../components/Tile';

interface HomeScreenProps {
  devices: readonly DeviceHealth[];
  language: Language;
  dispatch: (action: SessionAction) => void;
}

export function HomeScreen({ devices, language, dispatch }: HomeScreenProps): ReactElement {
  const { t } = useTranslation();
  const choices = homeTiles.filter((tile) => offlineDevices(tile, devices).length === 0).map((tile) => t(`home.tiles.${tile.id}.title`));
  return (
    <ScreenFrame testId="screen-home" title={t('home.title')} spoken={t('speech.homePurpose', { count: choices.length, choices: choices.join(', ') })}>
      <TileGrid>
        {homeTiles.map((tile) => {
          const offline = offlineDevices(tile, devices);
          return (
            <Tile
              key={tile.id}
              icon={tile.icon}
              title={t(`home.tiles.${tile.id}.title`)}
              description={t(`home.tiles.${tile.id}.description`)}
              note={offline.map((device) => t(`home.deviceOffline.${device}`)).join(' ') || undefined}
              primary={tile.primary}
              disabled={offline.length > 0}
              testId={`home-${tile.id}`}
              onSelect={() => dispatch(tile.action)}
            />
          );
        })}
      </TileGrid>
      <div className="home-audio-guide">
        <AudioGuideButton language={language} testId="home-audio-guide" />
      </div>
    </ScreenFrame>
  );
}
