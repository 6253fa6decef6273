import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { openDatabase } from '../../src-main/db/open-database';
import type { PortalServer } from '../../src-portal/portal-server';
import { enrolledClient, openKioskDb, portalHoldings, seedDossiers, startPortal, storedSha256, type SeededDossier } from './harness';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Bundles the child once, inside the repo so it finds node_modules. */
export async function buildSyncChild(): Promise<string> {
  const outfile = join(ROOT, 'node_modules/.cache/kiosk-sync-chaos/sync-child.mjs');
  await build({
    entryPoints: [join(ROOT, 'tests/sync/sync-child.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // pino requires node built-ins at load, which an ESM bundle cannot; from node_modules it can.
    external: ['better-sqlite3', 'undici', 'pino'],
    outfile,
    logLevel: 'error',
  });
  return outfile;
}

/** Runs the child; SIGKILLs it `killAfterMs` after READY (null: lets it finish). Resolves how it ended and the bundles it sent. */
export function runChild(childFile: string, kioskDir: string, portalUrl: string, credential: string, killAfterMs: number | null) {
  const child = spawn(process.execPath, [childFile, kioskDir, portalUrl], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, KIOSK_CREDENTIAL: credential },
  });
  // A test that times out must not leave a child syncing (and burning CPU) after it.
  const orphanGuard = () => child.kill('SIGKILL');
  process.once('exit', orphanGuard);
  child.once('exit', () => process.off('exit', orphanGuard));
  let out = '';
  let err = '';
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  return new Promise<{ how: 'killed' | 'done'; bundles: number }>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      const before = out;
      out += d.toString();
      if (killAfterMs !== null && !before.includes('READY\n') && out.includes('READY\n')) setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    });
    child.on('exit', (code, signal) => {
      const bundles = out.split('BUNDLE\n').length - 1;
      if (signal === 'SIGKILL') resolve({ how: 'killed', bundles });
      else if (code === 0 && out.includes('DONE')) resolve({ how: 'done', bundles });
      else reject(new Error(`sync child exited ${code}: ${err}${out}`));
    });
  });
}

export interface SyncChaosResult {
  kills: number;
  dossiers: number;
  /** Seeded dossiers the portal does not hold whole (missing, or a file missing or different). */
  lost: number;
  /** Extra copies on the portal: dossier rows beyond one per kiosk dossier, file rows beyond one per page. */
  duplicates: number;
  parked: string;
  integrity: string;
  /** Bundle requests the children sent (more than the dossiers: kills cut some, which went again). */
  bundles: number;
  ms: number;
}

/** A deterministic stream of kill delays (mulberry32), so a failing run can be repeated. */
function delays(seed: number, maxMs: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * maxMs);
  };
}

/**
 * Seeds `dossiers` × 3 files in a kiosk store, kills the syncing child `kills` times at seeded
 * points (the portal stays up), lets a last child finish, then compares the portal's holdings
 * byte for byte with the kiosk's dossiers and checks the kiosk store's integrity.
 */
export async function runSyncChaos(options: { workDir: string; kills: number; dossiers: number; fileBytes: number; seed: number; maxKillMs: number }): Promise<SyncChaosResult> {
  const started = Date.now();
  const childFile = await buildSyncChild();
  const portalDir = join(options.workDir, 'portal');
  const kioskDir = join(options.workDir, 'kiosk');
  const { server, url } = await startPortal(portalDir);
  try {
    const { credentials } = await enrolledClient(url);
    const credential = credentials.read() ?? '';
    const seedDb = openKioskDb(join(kioskDir, 'kiosk.sqlite3'));
    const seeded = seedDossiers(seedDb, join(kioskDir, 'files'), options.dossiers, 3, options.fileBytes);
    seedDb.close();
    const next = delays(options.seed, options.maxKillMs);
    let kills = 0;
    let bundles = 0;
    while (kills < options.kills) {
      const run = await runChild(childFile, kioskDir, url, credential, next());
      bundles += run.bundles;
      // Everything was delivered before a kill landed: the remaining kills would test nothing.
      if (run.how === 'done') break;
      kills += 1;
    }
    const last = await runChild(childFile, kioskDir, url, credential, null);
    if (last.how !== 'done') throw new Error('last run did not finish');
    bundles += last.bundles;
    const db = openDatabase(join(kioskDir, 'kiosk.sqlite3'));
    let integrity: string;
    let parked: string;
    try {
      integrity = String(db.pragma('integrity_check', { simple: true }));
      parked = String(db.prepare(`SELECT count(*) FROM outbox_jobs WHERE state = 'parked'`).pluck().get());
    } finally {
      db.close();
    }
    const { lost, duplicates } = compare(server, portalDir, seeded);
    return { kills, dossiers: seeded.length, lost, duplicates, parked, integrity, bundles, ms: Date.now() - started };
  } finally {
    await server.close();
  }
}

function compare(server: PortalServer, portalDir: string, seeded: readonly SeededDossier[]) {
  const held = portalHoldings(server);
  let lost = 0;
  let duplicates = 0;
  for (const d of seeded) {
    const rows = held.dossiers.filter((x) => x.id === d.id || x.provisional_code === d.provisionalCode);
    if (rows.length === 0) {
      lost += 1;
      continue;
    }
    duplicates += rows.length - 1;
    const files = held.files.filter((f) => f.dossier_id === d.id);
    duplicates += Math.max(0, files.length - d.files.length);
    // Byte for byte: the portal's stored upload hashed again, against the kiosk's SHA-256.
    const stored = new Set(files.map((f) => storedSha256(join(portalDir, 'uploads'), f)));
    if (!d.files.every((f) => stored.has(f.sha256))) lost += 1;
  }
  return { lost, duplicates };
}
