// `npm start` (scripts/start.mjs) as a newcomer and as systemd meet it: each start-up problem is one
// plain line and a non-zero exit, and a SIGTERM to the whole process group stops the kiosk once,
// with the store closed cleanly (WAL checkpointed). Needs the build (dist/); runs with --no-build.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { makeReadOnly, readOnlyCommand } from '../fakes/read-only';
import { ROOT } from './harness';

const START = join(ROOT, 'scripts', 'start.mjs');

/** The environment of a machine with a display, minus what a case takes away. */
function envWithout(...names: string[]): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, DISPLAY: ':99' };
  for (const name of names) delete env[name];
  return env;
}

function runStart(args: string[], env: NodeJS.ProcessEnv, prefix: string[] = []) {
  const [command, ...commandArgs] = [...prefix, process.execPath, START, ...args];
  const result = spawnSync(command!, commandArgs, { cwd: ROOT, env, encoding: 'utf8', timeout: 30_000 });
  return { status: result.status, lines: result.stderr.split('\n').filter((l) => l.trim() !== ''), stdout: result.stdout };
}

/** One line, naming the problem and what to do, and no kiosk started. */
function assertOnePlainLine(result: ReturnType<typeof runStart>, what: RegExp, todo: RegExp): void {
  assert.equal(result.status, 1, `exit code; stderr: ${result.lines.join(' | ')}`);
  assert.equal(result.lines.length, 1, `one line, got: ${result.lines.join(' | ')}`);
  const [line] = result.lines;
  assert.match(line!, /^npm start: /);
  assert.match(line!, what);
  assert.match(line!, todo);
  assert.doesNotMatch(result.stdout, /KIOSK_URL=/);
}

const freshDir = () => mkdtempSync(join(tmpdir(), 'kiosk-start-'));

describe('npm start: what stops it says so in one line', () => {
  it('without a display (and a window wanted)', () => {
    const result = runStart(['--web', '--no-portal', '--data-dir', freshDir()], envWithout('DISPLAY', 'WAYLAND_DISPLAY'));
    assertOnePlainLine(result, /No display/, /--no-open/);
  });

  it('without Chromium', () => {
    const result = runStart(['--web', '--no-portal', '--data-dir', freshDir()], { ...envWithout(), KIOSK_CHROMIUM: '/nonexistent/chromium' });
    assertOnePlainLine(result, /KIOSK_CHROMIUM=\/nonexistent\/chromium does not exist/, /unset it|point it/);
  });

  it('with the port taken', async () => {
    const server: Server = createServer();
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    const port = (server.address() as { port: number }).port;
    try {
      const result = runStart(['--web', '--no-open', '--no-portal', '--port', String(port), '--data-dir', freshDir()], envWithout());
      assertOnePlainLine(result, new RegExp(`Port ${port} on 127.0.0.1 is already taken`), /another --port/);
    } finally {
      await new Promise((done) => server.close(done));
    }
  });

  it('with the data folder not writable', () => {
    const dir = freshDir();
    makeReadOnly(dir);
    const result = runStart(['--web', '--no-open', '--no-portal', '--data-dir', dir], envWithout(), readOnlyCommand());
    assertOnePlainLine(result, new RegExp(`The data folder ${dir} cannot be written \\(EACCES\\)`), /write access|--data-dir/);
  });

  it('with a file where the data folder should be', () => {
    const file = join(freshDir(), 'kiosk');
    writeFileSync(file, '');
    const result = runStart(['--web', '--no-open', '--no-portal', '--data-dir', file], envWithout());
    assertOnePlainLine(result, /cannot be written \((EEXIST|ENOTDIR)\)/, /--data-dir/);
  });
});

/** Starts `npm start` the way a terminal or systemd does: its own process group, the kiosk inside it. */
async function startInOwnGroup(dataDir: string) {
  const child = spawn(process.execPath, [START, '--no-build', '--web', '--no-open', '--no-portal', '--port', '0', '--data-dir', dataDir], {
    cwd: ROOT,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) =>
    child.once('exit', (code, signal) => done({ code, signal })),
  );
  await new Promise<void>((ready, reject) => {
    const timer = setTimeout(() => reject(new Error(`no KIOSK_URL in 20 s: ${stderr}`)), 20_000);
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (line.startsWith('KIOSK_URL=')) {
        clearTimeout(timer);
        ready();
      }
    });
  });
  // The core opens the store once the host listens: wait until it has written to the WAL.
  const wal = join(dataDir, 'kiosk.sqlite3-wal');
  const deadline = Date.now() + 20_000;
  while (!(existsSync(wal) && statSync(wal).size > 0)) {
    assert.ok(Date.now() < deadline, `the kiosk never wrote its WAL: ${stderr}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return { pid: child.pid!, exited, wal, stderr: () => stderr };
}

function stopsLogged(dataDir: string): number {
  const logs = join(dataDir, 'logs');
  let text = '';
  for (const name of readdirSync(logs)) text += readFileSync(join(logs, name), 'utf8');
  return text.split('\n').filter((l) => l.includes('"message":"stopping"')).length;
}

describe('npm start: a SIGTERM to the whole process group', () => {
  for (const signals of [1, 3]) {
    it(`${signals === 1 ? 'once' : `${signals} times`}: the kiosk stops once, exit 0, the WAL checkpointed`, async () => {
      const dataDir = freshDir();
      mkdirSync(dataDir, { recursive: true });
      const kiosk = await startInOwnGroup(dataDir);
      // Each group signal reaches start.mjs and the kiosk; start.mjs forwards it too: 2 per send.
      for (let i = 0; i < signals; i += 1) {
        try {
          process.kill(-kiosk.pid, 'SIGTERM');
        } catch (error) {
          // ESRCH: the whole group has already stopped after an earlier signal (a fast machine).
          if ((error as NodeJS.ErrnoException).code !== 'ESRCH' || i === 0) throw error;
          break;
        }
        await new Promise((r) => setTimeout(r, 20));
      }
      const { code, signal } = await kiosk.exited;
      assert.equal(signal, null, `start.mjs ended by ${signal}: ${kiosk.stderr()}`);
      assert.equal(code, 0, kiosk.stderr());
      assert.ok(!existsSync(kiosk.wal) || statSync(kiosk.wal).size === 0, `WAL left with ${existsSync(kiosk.wal) ? statSync(kiosk.wal).size : 0} bytes`);
      assert.equal(stopsLogged(dataDir), 1);
      const db = new Database(join(dataDir, 'kiosk.sqlite3'), { readonly: true });
      try {
        assert.equal(db.pragma('integrity_check', { simple: true }), 'ok');
      } finally {
        db.close();
      }
    });
  }
});
