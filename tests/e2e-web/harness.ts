import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { loadImage, createCanvas } from '@napi-rs/canvas';
import { after, before } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';

export const ROOT = resolve(import.meta.dirname, '..', '..');
export const ARTIFACTS = join(ROOT, 'tests', 'artifacts', 'e2e-web');
mkdirSync(ARTIFACTS, { recursive: true });

const CHROMIUM = process.env.KIOSK_CHROMIUM ?? '/usr/bin/chromium';

/** Debian's Chromium, headless, with the flags this closed network needs. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export async function kioskPage(browser: Browser, orientation: 'portrait' | 'landscape' = 'landscape'): Promise<Page> {
  const viewport = orientation === 'portrait' ? { width: 1080, height: 1920 } : { width: 1920, height: 1080 };
  const context = await browser.newContext({ viewport, hasTouch: true, deviceScaleFactor: 0.5 });
  return context.newPage();
}

export async function shot(page: Page, name: string): Promise<string> {
  const file = join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}

export interface KioskProcess {
  url: string;
  dataDir: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

export interface KioskProcessOptions {
  /** Written to <dataDir>/config.json before start (merged over the demo center by the kiosk). */
  config?: unknown;
  /** Added to the kiosk's environment, e.g. SANE_CONFIG_DIR for SANE's test backend. */
  env?: Record<string, string>;
  /** A blank terminal: started without `--demo`, so no config.json means the set-up wizard. */
  blank?: boolean;
}

/** Starts the real browser host the way `npm start -- --web --no-open` does. */
export async function startKioskProcess(
  dataDir = mkdtempSync(join(tmpdir(), 'kiosk-e2e-')),
  options: KioskProcessOptions = {},
): Promise<KioskProcess> {
  if (options.config !== undefined) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(join(dataDir, 'config.json'), JSON.stringify(options.config, null, 2));
  }
  const child = spawn(process.execPath, [join(ROOT, 'dist/main/web-main.mjs'), '--no-open', '--port', '0', '--data-dir', dataDir, ...(options.blank ? [] : ['--demo'])], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...options.env },
  });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const url = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error(`kiosk did not print KIOSK_URL in 15 s: ${stderr}`)), 15_000);
    child.once('exit', (code) => reject(new Error(`kiosk exited with ${code}: ${stderr}`)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (line.startsWith('KIOSK_URL=')) {
        clearTimeout(timer);
        resolveUrl(line.slice('KIOSK_URL='.length));
      }
    });
  });
  return {
    url,
    dataDir,
    child,
    stop: () =>
      new Promise<void>((done) => {
        if (child.exitCode !== null) return done();
        child.once('exit', () => done());
        child.kill('SIGTERM');
      }),
  };
}

/** Share of dark pixels in a PNG: 0 for a blank print. */
export async function inkRatio(pngFile: string): Promise<{ ratio: number; width: number; height: number }> {
  const image = await loadImage(pngFile);
  const canvas = createCanvas(image.width, image.height);
  const ctx = canvas.getContext('2d');
  ctx.drawImage(image, 0, 0);
  const { data } = ctx.getImageData(0, 0, image.width, image.height);
  let dark = 0;
  for (let i = 0; i < data.length; i += 4) if ((data[i] ?? 255) < 128) dark++;
  return { ratio: dark / (image.width * image.height), width: image.width, height: image.height };
}

/** The Chromium and the kiosk process of one suite of tests, started before them and stopped after. */
export class KioskInChromium {
  private started: { browser: Browser; kiosk: KioskProcess } | null = null;

  get browser(): Browser {
    return this.ready().browser;
  }

  get kiosk(): KioskProcess {
    return this.ready().kiosk;
  }

  /** Registers the suite's hooks; call it inside `describe`. */
  static forSuite(): KioskInChromium {
    const env = new KioskInChromium();
    before(async () => {
      const kiosk = await startKioskProcess();
      env.started = { kiosk, browser: await launchBrowser() };
    });
    after(async () => {
      await env.started?.browser.close();
      await env.started?.kiosk.stop();
    });
    return env;
  }

  private ready(): { browser: Browser; kiosk: KioskProcess } {
    if (!this.started) throw new Error('The suite has not started its kiosk and browser yet.');
    return this.started;
  }
}

/** The PINs the e2e kiosks are set up with through the PIN pad (IT first, then staff). */
export const TEST_PINS = { it: '24681357', staff: '13572468' } as const;

/** Holds the staff corner as staff do (a short press does nothing) until the PIN pad or the set-up shows. */
export async function longPressStaffCorner(page: Page): Promise<void> {
  const corner = page.getByTestId('staff-corner');
  const box = await corner.boundingBox();
  assert.ok(box, 'the staff corner is on the page');
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.waitForTimeout(1000);
  assert.equal(await page.getByTestId('staff-gate').count(), 0, 'a short press does not open the PIN pad');
  await page.getByTestId('staff-gate').waitFor({ timeout: 4000 });
  await page.mouse.up();
}

/** Types a PIN on the on-screen pad and presses OK. */
export async function typePin(page: Page, pin: string): Promise<void> {
  const pad = page.getByTestId('pin-pad');
  await pad.waitFor();
  for (const digit of pin) await pad.getByTestId(`pin-key-${digit}`).click();
  await pad.getByTestId('pin-ok').click();
}

/** On a terminal with no PIN: the IT set-up, each PIN typed twice; ends in the panel as IT. */
export async function setUpPins(page: Page): Promise<void> {
  await page.getByTestId('pin-it-setup').click();
  for (const pin of [TEST_PINS.it, TEST_PINS.it, TEST_PINS.staff, TEST_PINS.staff]) {
    const before = await page.getByTestId('pin-pad').locator('h2').innerText();
    await typePin(page, pin);
    await page.waitForFunction(
      (title) => document.querySelector('[data-testid="staff-panel"]') !== null || document.querySelector('[data-testid="pin-pad"] h2')?.textContent !== title,
      before,
    );
  }
  await page.getByTestId('staff-panel').waitFor();
}

/**
 * Opens the staff panel as a person does: a long press on the corner, then the PIN pad. On a
 * terminal with no PIN yet it goes through the IT set-up first (and is then logged in as IT).
 */
export async function openStaffPanel(page: Page, role: 'staff' | 'it' = 'staff'): Promise<void> {
  await longPressStaffCorner(page);
  await page.locator('[data-testid="pin-pad"], [data-testid="pin-none"]').first().waitFor();
  if ((await page.getByTestId('pin-none').count()) > 0) return setUpPins(page);
  await typePin(page, TEST_PINS[role]);
  await page.getByTestId('staff-panel').waitFor();
}
