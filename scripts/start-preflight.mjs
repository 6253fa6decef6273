// What `npm start` checks before it builds anything: each problem a newcomer or a terminal's
// installer meets first (no display, no Chromium, the port taken, the data folder not writable)
// comes back as one plain line saying what is wrong and what to do, instead of a silent window
// that never opens or a stack trace from deep inside the kiosk.
import { accessSync, constants, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

// The same list, in the same order, as src-main/web-host/open-browser.ts (the kiosk's own lookup).
const CHROMIUM_CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/microsoft-edge'];

/**
 * @param {{ dataDir: string, web: boolean, open: boolean, port: number, env: NodeJS.ProcessEnv, platform: NodeJS.Platform }} launch
 *   `web`: the browser host will run (no Electron binary, or --web); `open`: a window is wanted.
 * @returns {Promise<string | null>} the problem, or null when the kiosk can start.
 */
export async function preflightProblem({ dataDir, web, open, port, env, platform }) {
  const dataProblem = unwritableDataDir(dataDir);
  if (dataProblem) return dataProblem;
  const portCode = web && port > 0 ? await portRefusal(port) : null;
  if (portCode === 'EADDRINUSE') {
    return `Port ${port} on 127.0.0.1 is already taken (another kiosk or program listens there): stop it, or start with another --port (0 = any free port).`;
  }
  if (portCode) {
    return `Port ${port} on 127.0.0.1 cannot be opened (${portCode}; ports below 1024 need root): start with another --port (0 = any free port).`;
  }
  const wantsWindow = open || !web; // Electron always opens its window.
  if (wantsWindow && platform === 'linux' && !env.DISPLAY && !env.WAYLAND_DISPLAY) {
    return 'No display to open the kiosk window on (DISPLAY and WAYLAND_DISPLAY are unset): run it in a desktop session or under cage (deploy/linux/README.md), or start with `npm start -- --web --no-open` and open the printed KIOSK_URL in a browser.';
  }
  if (web && open) {
    const configured = env.KIOSK_CHROMIUM;
    if (configured && !existsSync(configured)) {
      return `KIOSK_CHROMIUM=${configured} does not exist: point it at a Chromium or Chrome binary, or unset it to use ${CHROMIUM_CANDIDATES[0]}.`;
    }
    if (!configured && !CHROMIUM_CANDIDATES.some((c) => existsSync(c))) {
      return 'No Chromium found for the kiosk window (looked in /usr/bin): `sudo apt-get install chromium`, or set KIOSK_CHROMIUM=/path/to/chrome, or start with `npm start -- --web --no-open` and open the printed KIOSK_URL in a browser.';
    }
  }
  return null;
}

/** Creates the folder if it is missing and writes a probe file: permissions, read-only mounts, a file in the way. */
function unwritableDataDir(dataDir) {
  const probe = join(dataDir, `.write-probe-${process.pid}`);
  try {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    accessSync(dataDir, constants.W_OK);
    writeFileSync(probe, '');
    rmSync(probe, { force: true });
    return null;
  } catch (error) {
    const code = error && typeof error === 'object' && 'code' in error ? ` (${error.code})` : '';
    return `The data folder ${dataDir} cannot be written${code}: give this user write access to it (chown/chmod), or choose another with --data-dir DIR.`;
  }
}

/** Why 127.0.0.1:port cannot be listened on (the web host listens there), or null when it can. */
function portRefusal(port) {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', (error) => resolve(error.code ?? 'error'));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(null)));
  });
}
