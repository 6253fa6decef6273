import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeviceHealth } from '../../src-shared/dto';
import { homeTiles, offlineDevices } from '../app/home-tiles';
import type { SessionAction } from '../app/session';
import { ScreenFrame } from '../components/ScreenFrame';
import { Tile, TileGrid } from '../components/Tile';

interface HomeScreenProps {
  devices: readonly DeviceHealth[];
  dispatch: (action: SessionAction) => void;
}

export function HomeScreen({ devices, dispatch }: HomeScreenProps): ReactElement {
  const { t } = useTranslation();
  return (
    <ScreenFrame testId="screen-home" title={t('home.title')}>
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
    </ScreenFrame>
  );
}
