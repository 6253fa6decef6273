import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startServerProcess, type ServerProcess } from '../sync/server-process';
import { ROOT } from './harness';

/** The built browser host's `--provision` (what `npm start -- --provision profile.json` runs), as IT staff would use it. */
const provision = (...args: string[]) => spawnSync(process.execPath, [join(ROOT, 'dist/main/web-main.mjs'), '--provision', ...args], { encoding: 'utf8', timeout: 60_000 });

describe('headless provisioning of two terminals from one profile (built host)', () => {
  let portal: ServerProcess;
  const dir = mkdtempSync(join(tmpdir(), 'provision-e2e-'));
  before(async () => {
    portal = await startServerProcess('src-portal/main.ts', ['--port', '0', '--data-dir', join(dir, 'portal')]);
  });
  after(async () => {
    await portal?.stop();
  });

  it('writes each terminal its config, and a bad profile changes nothing and says why', () => {
    const profile = join(dir, 'profile.json');
    writeFileSync(
      profile,
      JSON.stringify({
        profileVersion: 1,
        defaults: { sync: { portalUrl: portal.url, enrollmentToken: 'demo-enrollment-token' } },
        terminals: [{ id: 'kiosk-01' }, { id: 'kiosk-02', config: { language: 'en' } }],
      }),
    );
    for (const id of ['kiosk-01', 'kiosk-02']) {
      const run = provision(profile, '--terminal-id', id, '--data-dir', join(dir, id));
      assert.equal(run.status, 0, run.stderr);
      assert.match(run.stdout, new RegExp(`^Provisioned terminal ${id}: .*config\\.json written`));
      const written = JSON.parse(readFileSync(join(dir, id, 'config.json'), 'utf8')) as { terminal: { id: string }; sync: { portalUrl: string } };
      assert.equal(written.terminal.id, id);
      assert.equal(written.sync.portalUrl, portal.url);
    }

    writeFileSync(profile, JSON.stringify({ profileVersion: 1, terminals: [{ id: 'kiosk-03', config: { idle: { timeoutSeconds: 'soon' } } }] }));
    const bad = provision(profile, '--terminal-id', 'kiosk-03', '--data-dir', join(dir, 'kiosk-03'));
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /Provisioning stopped, nothing was written/);
    assert.match(bad.stderr, /terminals\.0 \(kiosk-03\): idle\.timeoutSeconds:/);
    assert.equal(existsSync(join(dir, 'kiosk-03', 'config.json')), false);
  });
});
