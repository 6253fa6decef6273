import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Page } from 'playwright-core';
import { ROOT, type KioskProcess } from './harness';

const run = promisify(execFile);

/** A scan on the kiosk's virtual barcode scanner, as `npm run scan` makes one. */
export const scan = (kiosk: KioskProcess, text: string) =>
  run(process.execPath, [join(ROOT, 'scripts/scan.mjs'), '--data-dir', kiosk.dataDir, text]);

/** Types on the in-app keyboard key by key, as a citizen would (the extra keys for @ - _ / , +). */
export async function typeOnKeyboard(page: Page, text: string): Promise<void> {
  for (const ch of text) {
    const extra = ['@', '-', '_', '/', ',', '+'].includes(ch);
    const locator = extra ? page.getByTestId(`extra-key-${ch}`) : page.locator(`.osk [data-skbtn="${ch === ' ' ? '{space}' : ch}"]`);
    await locator.tap();
  }
}

/** Taps the dossier journey's "next" and waits for the step that should follow. */
export async function next(page: Page, expectScreen: string): Promise<void> {
  await page.getByTestId('dossier-next').tap();
  await page.getByTestId(expectScreen).waitFor({ timeout: 15_000 });
}

/** From the Vietnamese home screen: finds a procedure by search, starts its dossier and reads the card on the virtual scanner. */
export async function startDossierWithCard(page: Page, kiosk: KioskProcess, search: string, card: string): Promise<void> {
  await page.getByTestId('home-search').click();
  await page.getByTestId('ime-none').click();
  await typeOnKeyboard(page, search);
  await page.getByTestId('screen-procedure').waitFor();
  await page.getByTestId('procedure-submit-dossier').tap();
  await page.getByTestId('dossier-start').tap();
  await page.getByTestId('identify-scan-prompt').waitFor();
  await scan(kiosk, card);
  await page.getByTestId('identify-scanned').waitFor();
}
