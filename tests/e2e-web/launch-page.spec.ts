// The per-launch secret stays off command lines: the browser the kiosk opens, and the one a Linux
// terminal starts apart from it under cage (deploy/linux/), both get a launch page in an
// owner-only folder that sends them on to the kiosk's URL.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createInterface } from 'node:readline';
import { describe, it } from 'node:test';
import { kioskPage, launchBrowser, ROOT, shot, startKioskProcess } from './harness';

describe('the launch page', () => {
  it('brings a browser opened on <data dir>/launch.html to the working kiosk', async () => {
    const kiosk = await startKioskProcess();
    const browser = await launchBrowser();
    try {
      const launchPage = join(kiosk.dataDir, 'launch.html');
      assert.equal(statSync(launchPage).mode & 0o777, 0o600);
      const page = await kioskPage(browser);
      await page.goto(pathToFileURL(launchPage).href);
      await page.getByTestId('screen-attract').waitFor({ timeout: 15_000 });
      assert.equal(new URL(page.url()).origin, new URL(kiosk.url).origin);
      // The home screen's services come from the core: the secret reached the page.
      await page.getByTestId('screen-attract').click();
      await page.getByRole('button', { name: 'Tiếng Việt' }).click();
      await page.getByTestId('screen-home').waitFor();
      await shot(page, 'launch-page-home');
    } finally {
      await browser.close();
      await kiosk.stop();
    }
  });

  it('is what the kiosk gives the Chromium it opens: the secret is on no command line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kiosk-fake-chromium-'));
    const argvFile = join(dir, 'argv');
    const fakeChromium = join(dir, 'chromium');
    writeFileSync(fakeChromium, `#!/bin/sh\nprintf '%s\\n' "$@" > '${argvFile}'\n`);
    chmodSync(fakeChromium, 0o755);
    const child = spawn(process.execPath, [join(ROOT, 'dist/main/web-main.mjs'), '--port', '0', '--data-dir', join(dir, 'data'), '--demo'], {
      env: { ...process.env, KIOSK_CHROMIUM: fakeChromium },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    try {
      const url = await new Promise<string>((resolveUrl) =>
        createInterface({ input: child.stdout }).on('line', (line) => {
          if (line.startsWith('KIOSK_URL=')) resolveUrl(line.slice('KIOSK_URL='.length));
        }),
      );
      const secret = new URL(url).hash.slice(1);
      const deadline = Date.now() + 10_000;
      while (!existsSync(argvFile) || readFileSync(argvFile, 'utf8') === '') {
        assert.ok(Date.now() < deadline, 'the kiosk never started the (fake) Chromium');
        await new Promise((r) => setTimeout(r, 50));
      }
      const argv = readFileSync(argvFile, 'utf8').split('\n');
      assert.ok(secret.length > 10);
      assert.deepEqual(argv.filter((a) => a.includes(secret)), []);
      const app = argv.find((a) => a.startsWith('--app=')) ?? '';
      assert.ok(app.startsWith('--app=file://'), `--app is a file: ${app}`);
      const launchPage = fileURLToPath(app.slice('--app='.length));
      assert.equal(statSync(launchPage).mode & 0o777, 0o600);
      assert.match(readFileSync(launchPage, 'utf8'), new RegExp(`content="0;url=${url.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"`));
    } finally {
      child.kill('SIGTERM');
    }
  });
});
