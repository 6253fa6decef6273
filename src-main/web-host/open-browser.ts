import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { LAUNCH_PAGE_FILE, writeLaunchPage } from './launch-page';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/microsoft-edge'];

export function findChromium(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const configured = env.KIOSK_CHROMIUM;
  if (configured) return existsSync(configured) ? configured : undefined;
  return CANDIDATES.find((c) => existsSync(c));
}

/**
 * Opens the kiosk in the system Chromium as a full-screen app window with a throwaway profile.
 * Chromium gets a launch page in that (owner-only) profile folder, not the URL: the URL carries
 * the per-launch secret, and a command line is visible to every user of the machine.
 */
export function openKioskBrowser(url: string, chromium: string, kiosk: boolean): void {
  const profile = mkdtempSync(join(tmpdir(), 'motcua-kiosk-browser-'));
  const launchPage = join(profile, LAUNCH_PAGE_FILE);
  writeLaunchPage(launchPage, url);
  const args = [
    `--user-data-dir=${profile}`,
    kiosk ? '--kiosk' : '--start-maximized',
    `--app=${pathToFileURL(launchPage).href}`,
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-translate',
    '--disable-pinch',
    '--overscroll-history-navigation=0',
  ];
  spawn(chromium, args, { stdio: 'ignore', detached: true }).unref();
}
