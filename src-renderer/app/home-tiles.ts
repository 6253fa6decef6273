import type { DeviceHealth } from '../../src-shared/dto';
import type { IconName } from '../components/Icons';
import type vi from '../i18n/vi.json';
import type { SessionAction } from './session';

/** A device a home tile's service relies on. */
export type DeviceName = DeviceHealth['device'];

/** A tile's id names its texts: `home.tiles.<id>.title` and `.description`. */
export type HomeTileId = keyof (typeof vi)['home']['tiles'];

export interface HomeTile {
  readonly id: HomeTileId;
  readonly icon: IconName;
  readonly action: SessionAction;
  readonly uses: readonly DeviceName[];
  /** The one choice most visitors make, drawn filled so it is found first. */
  readonly primary: boolean;
}

/**
 * The home screen, one line per service the kiosk offers. A new feature (procedure lookup,
 * dossier status, ...) adds its line here, its keys to the i18n files and its action to the
 * session reducer.
 */
export const homeTiles: readonly HomeTile[] = [
  { id: 'queue', icon: 'ticket', action: { type: 'openServices' }, uses: ['printer'], primary: true },
  // Looking a procedure up needs no device: the checklist print is an extra on the detail screen.
  { id: 'catalog', icon: 'book', action: { type: 'openCatalog' }, uses: [], primary: false },
  { id: 'search', icon: 'search', action: { type: 'openSearch' }, uses: [], primary: false },
  // Typing the code works without the code scanner, so the tile stays available when it is offline.
  { id: 'lookup', icon: 'document', action: { type: 'openLookup' }, uses: [], primary: false },
  // Rating a dossier's handling or a counter visit: typed codes, no device.
  { id: 'rating', icon: 'smile', action: { type: 'openRating' }, uses: [], primary: false },
];

/**
 * The devices a tile uses that are offline right now. Such a tile is shown unavailable with the
 * reason: a kiosk with no paper must not hand out numbers it cannot print (the core refuses too).
 */
export function offlineDevices(tile: HomeTile, devices: readonly DeviceHealth[]): DeviceName[] {
  return tile.uses.filter((name) => devices.some((d) => d.device === name && d.state === 'offline'));
}
