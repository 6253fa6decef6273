import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The shipped assets folder. Both src-main/app/*.ts (tests) and dist/main/*.mjs (bundles) sit
 * two levels below the project root, so one relative path serves both.
 */
export const assetsDir = (): string => fileURLToPath(new URL('../../assets/', import.meta.url));

/** Where a kiosk keeps its data when no --data-dir is given: the OS's per-user app-data folder. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'motcua-kiosk');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'motcua-kiosk');
  return join(env.XDG_DATA_HOME ?? join(homedir(), '.local', 'share'), 'motcua-kiosk');
}
