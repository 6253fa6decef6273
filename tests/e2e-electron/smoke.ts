import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { _electron, type ElectronApplication } from 'playwright-core';

export interface SmokeResult {
  status: 'passed' | 'failed' | 'skipped';
  reason?: string;
}

const ROOT = resolve(import.meta.dirname, '..', '..');
const MAIN_BUNDLE = join(ROOT, 'dist', 'main', 'electron-main.mjs');
const ARTIFACTS = join(ROOT, 'tests', 'artifacts', 'e2e-electron');
const ATTRACT_TEXT = 'Chạm vào màn hình để bắt đầu';
const TIMEOUT_MS = 30_000;

/**
 * In plain Node the `electron` package exports the path of its binary. Where the download was
 * skipped (ELECTRON_SKIP_BINARY_DOWNLOAD) it throws instead, or names a file that is missing.
 */
export function findElectronBinary(): { path: string } | { missing: string } {
  let exported: unknown;
  try {
    exported = createRequire(import.meta.url)('electron');
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return { missing: `node_modules/electron has no downloaded binary: ${detail}` };
  }
  if (typeof exported !== 'string') return { missing: 'the electron package did not export a binary path' };
  if (!existsSync(exported)) return { missing: `the binary ${exported} does not exist` };
  return { path: exported };
}

/**
 * Launches the built Electron kiosk and checks that the attract screen shows, that the page got
 * `window.kiosk` and no Node, and that a call crosses the IPC bridge. Skips only when the Electron
 * binary is absent; a missing build or any other problem is a failure.
 */
export async function runElectronSmoke(): Promise<SmokeResult> {
  const binary = findElectronBinary();
  if ('missing' in binary) {
    return { status: 'skipped', reason: `the Electron binary is not installed on this machine (${binary.missing})` };
  }
  if (!existsSync(MAIN_BUNDLE)) {
    return { status: 'failed', reason: `${MAIN_BUNDLE} is missing: run \`npm run build\` first` };
  }

  const dataDir = mkdtempSync(join(tmpdir(), 'kiosk-electron-e2e-'));
  let app: ElectronApplication | undefined;
  try {
    // ELECTRON_RUN_AS_NODE, set in some shells and CI images, would start Electron as plain Node.
    const env = Object.fromEntries(
      Object.entries(process.env).filter(
        (entry): entry is [string, string] => entry[1] !== undefined && entry[0] !== 'ELECTRON_RUN_AS_NODE',
      ),
    );
    // No executablePath: Playwright then resolves the same binary itself and injects its loader,
    // which also strips its own switches from process.argv before the kiosk parses its flags.
    app = await _electron.launch({
      args: [MAIN_BUNDLE, '--data-dir', dataDir, '--demo'],
      cwd: ROOT,
      env,
      timeout: TIMEOUT_MS,
    });
    const page = await app.firstWindow({ timeout: TIMEOUT_MS });
    await page.getByText(ATTRACT_TEXT).first().waitFor({ state: 'visible', timeout: TIMEOUT_MS });

    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, 'attract.png') });

    const probe = await page.evaluate(async () => {
      const w = window as unknown as { kiosk?: { getInfo(request: object): Promise<unknown> }; require?: unknown; process?: unknown };
      return {
        url: location.href,
        hasNode: typeof w.require !== 'undefined' || typeof w.process !== 'undefined',
        info: w.kiosk ? await w.kiosk.getInfo({}) : null,
      };
    });
    if (!probe.url.startsWith('kiosk://app/')) return { status: 'failed', reason: `page loaded from ${probe.url}` };
    if (probe.hasNode) return { status: 'failed', reason: 'the renderer can reach Node (require or process is defined)' };
    const info = probe.info as { ok?: boolean; value?: { host?: string } } | null;
    if (info === null) return { status: 'failed', reason: 'window.kiosk is missing' };
    if (info.ok !== true || info.value?.host !== 'electron') {
      return { status: 'failed', reason: `getInfo over IPC answered ${JSON.stringify(info)}` };
    }
    return { status: 'passed' };
  } catch (error) {
    return { status: 'failed', reason: error instanceof Error ? error.message : String(error) };
  } finally {
    await app?.close().catch(() => undefined);
    rmSync(dataDir, { recursive: true, force: true });
  }
}
