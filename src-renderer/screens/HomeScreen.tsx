import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { AudioGuideButton } from '../speech/AudioGuideButton';
import type { KioskClient } from '../../src-shared/contract';
import type { DeviceHealth, Language } from '../../src-shared/dto';
import { homeTiles, offlineDevices } from '../app/home-tiles';
import type { SessionAction } from '../app/session';
import { ScreenFrame } from '../components/ScreenFrame';
import { Tile, TileGrid } from '../components/Tile';
import { HomeHelp } from './HomeHelp';
import { HomeQueueSummary } from './HomeQueueSummary';

interface HomeScreenProps {
  kiosk: KioskClient;
  language: Language;
  devices: readonly DeviceHealth[];
  dispatch: (action: SessionAction) => void;
}

/**
 * The services as big tiles (as many as home-tiles.ts lists), then help for a first visit and the
 * queue right now, which fill the height a portrait kiosk has to spare.
 */
export function HomeScreen({ kiosk, language, devices, dispatch }: HomeScreenProps): ReactElement {
  const { t } = useTranslation();
  const choices = homeTiles.filter((tile) => offlineDevices(tile, devices).length === 0).map((tile) => t(`home.tiles.${tile.id}.title`));
  return (
    <ScreenFrame testId="screen-home" title={t('home.title')} spoken={t('speech.homePurpose', { count: choices.length, choices: choices.join(', ') })}>
      <TileGrid className="tile-grid--home">
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
        {/* In the grid's last cell: beside an odd last tile in portrait, not a row of its own. */}
        <div className="home-audio-guide">
          <AudioGuideButton language={language} testId="home-audio-guide" />
        </div>
      </TileGrid>
      <div className="home-info">
        <HomeQueueSummary kiosk={kiosk} language={language} />
        <HomeHelp />
      </div>
    </ScreenFrame>
  );
}
