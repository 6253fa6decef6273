import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ReloadReason } from '../../../src-shared/contract';
import type { AlertReason } from '../../../src-shared/reasons';
import type { AlertSource } from '../../../src-shared/staff';
import { CentralConfigApplier } from '../../../src-main/app/central-config-apply';
import { ATTRACT_SCREEN, IdleMoment } from '../../../src-main/devices/display/idle-moment';
import { CENTRAL_CONFIG_FILE, readCentralLayer, saveCentralLayer } from '../../../src-main/app/central-config-file';
import { loadKioskConfig, localConfigLayers } from '../../../src-main/app/load-config';
import { migrateLocalConfig } from '../../../src-main/app/config-version';
import { createMemoryLogger } from '../../../src-main/kernel/logger';
import { FixedClock } from '../../fakes/fixed-clock';
import { useTempDirs } from '../../fakes/temp-dir';

const tempDir = useTempDirs();

const renamed = (vi: string) => {
  const services = loadKioskConfig(['--data-dir', tempDir()]).config.queue.services;
  return { schemaVersion: 2, queue: { services: services.map((s, i) => (i === 0 ? { ...s, name: { vi, en: `${vi} (en)` } } : s)) } };
};

function applierIn(dataDir: string, idle = true) {
  const alerts: { source: AlertSource; reason: AlertReason | null; detail?: string }[] = [];
  const reloads: ReloadReason[] = [];
  const state = { idle };
  const logger = createMemoryLogger();
  const applier = new CentralConfigApplier({
    dataDir,
    running: loadKioskConfig(['--data-dir', dataDir]).config,
    localLayers: () => localConfigLayers(dataDir),
    idle: () => state.idle,
    reload: (reason) => reloads.push(reason),
    alerts: {
      raise: (source, reason, more = {}) => alerts.push({ source, reason, ...(more.detail ? { detail: more.detail } : {}) }),
      resolve: (source) => alerts.push({ source, reason: null }),
    },
    clock: new FixedClock(new Date('2026-12-06T08:00:00Z')),
    logger,
  });
  applier.start();
  return { applier, alerts, reloads, state, logger };
}

describe("the kiosk's own config.json carries a format version", () => {
  it('loads a file without configVersion (an older kiosk wrote it) and one at the current version', () => {
    for (const body of [{ idle: { timeoutSeconds: 90 } }, { configVersion: 1, idle: { timeoutSeconds: 90 } }]) {
      const dir = tempDir();
      writeFileSync(join(dir, 'config.json'), JSON.stringify(body));
      expect(loadKioskConfig(['--data-dir', dir]).config.idle.timeoutSeconds).toBe(90);
    }
  });

  it('names a file from a newer kiosk, and a version that is not a whole number', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'config.json'), JSON.stringify({ configVersion: 2 }));
    expect(() => loadKioskConfig(['--data-dir', dir])).toThrow(/configVersion: 2 is newer than this kiosk understands \(1\); update the kiosk/);
    writeFileSync(join(dir, 'config.json'), JSON.stringify({ configVersion: 'one' }));
    expect(() => loadKioskConfig(['--data-dir', dir])).toThrow(/configVersion: expected a whole number/);
  });

  it("runs each upgrade step from the file's version to the current one", () => {
    const upgrades = {
      1: (d: Record<string, unknown>) => ({ ...d, idle: { timeoutSeconds: d['idleSeconds'] } }),
      2: (d: Record<string, unknown>) => {
        const { idleSeconds: _gone, ...rest } = d;
        return rest;
      },
    };
    expect(migrateLocalConfig({ idleSeconds: 75 }, 'f', upgrades, 3)).toEqual({ idle: { timeoutSeconds: 75 } });
    expect(migrateLocalConfig({ configVersion: 2, idleSeconds: 75 }, 'f', upgrades, 3)).toEqual({});
    expect(migrateLocalConfig({ configVersion: 3, x: 1 }, 'f', upgrades, 3)).toEqual({ x: 1 });
  });
});

describe('central configuration on the kiosk', () => {
  it('saves a good document, and asks for a new core only at an idle moment', () => {
    const dir = tempDir();
    const { applier, reloads, state, alerts } = applierIn(dir, false);
    expect(applier.accept({ version: 3, etag: '"config-3"', document: renamed('Đất đai và nhà ở') })).toEqual({ outcome: 'saved', version: 3 });
    expect(readCentralLayer(dir)).toMatchObject({ state: 'ok', version: 3 });
    expect(reloads).toEqual([]);
    // Still serving the old configuration: in force is only what this core runs on.
    expect(applier.inForce()).toBeNull();
    applier.idleMoment();
    expect(reloads).toEqual([]);
    state.idle = true;
    applier.idleMoment();
    applier.idleMoment();
    expect(reloads).toEqual(['central-config']);
    expect(alerts).toEqual([{ source: 'config', reason: null }]);
    // The next core loads it as a layer, and finds it in force.
    expect(loadKioskConfig(['--data-dir', dir]).config.queue.services[0]?.name.vi).toBe('Đất đai và nhà ở');
    const next = applierIn(dir);
    expect(next.applier.inForce()).toBe(3);
    expect(next.applier.needsDocument()).toBe(false);
    expect(next.reloads).toEqual([]);
  });

  it('a document that changes nothing this core runs on is in force at once, without a restart', () => {
    const dir = tempDir();
    const { applier, reloads } = applierIn(dir);
    expect(applier.accept({ version: 1, etag: '"config-1"', document: { schemaVersion: 2, idle: { timeoutSeconds: 60 } } })).toEqual({ outcome: 'applied', version: 1 });
    expect(applier.inForce()).toBe(1);
    expect(reloads).toEqual([]);
  });

  it('refuses a bad document: each problem named, the staff alert raised, the last good one kept, nothing restarted', () => {
    const dir = tempDir();
    const { applier, reloads, alerts } = applierIn(dir);
    applier.accept({ version: 4, etag: '"config-4"', document: renamed('Đất đai mới') });
    const before = readFileSync(join(dir, CENTRAL_CONFIG_FILE), 'utf8');
    const outcome = applier.accept({ version: 5, etag: '"config-5"', document: { schemaVersion: 2, devices: {}, idle: { timeoutSeconds: 'x' } } });
    expect(outcome.outcome).toBe('rejected');
    const problems = outcome.outcome === 'rejected' ? outcome.problems.join('\n') : '';
    expect(problems).toMatch(/"devices".*not centrally settable/);
    expect(problems).toMatch(/idle\.timeoutSeconds/);
    expect(readFileSync(join(dir, CENTRAL_CONFIG_FILE), 'utf8')).toBe(before);
    expect(alerts.at(-1)).toMatchObject({ source: 'config', reason: 'central_config_rejected' });
    expect(alerts.at(-1)?.detail).toMatch(/idle\.timeoutSeconds/);
    // The one restart is the good document's; the bad one changed nothing.
    expect(reloads).toEqual(['central-config']);
    // A new core (a restart, set-up redone) raises the alert again until a good document comes.
    const next = applierIn(dir);
    expect(next.alerts).toEqual([{ source: 'config', reason: 'central_config_rejected', detail: alerts.at(-1)?.detail }]);
    next.applier.accept({ version: 6, etag: '"config-6"', document: renamed('Đất đai sửa') });
    expect(next.alerts.at(-1)).toEqual({ source: 'config', reason: null });
    expect(applierIn(dir).alerts).toEqual([]);
  });

  it('checks the whole configuration a document would make, local settings included', () => {
    const dir = tempDir();
    const { applier } = applierIn(dir);
    // IT changed config.json since this core started; the document alone is fine.
    writeFileSync(join(dir, 'config.json'), JSON.stringify({ idle: { warningSeconds: 5 } }));
    const outcome = applier.accept({ version: 2, etag: 'e', document: renamed('Đất đai 2') });
    expect(outcome).toMatchObject({ outcome: 'rejected', problems: [expect.stringMatching(/^idle\.warningSeconds: /)] });
    expect(readCentralLayer(dir)).toEqual({ state: 'none' });
  });

  it('refuses a document newer than this kiosk, in words that say what to do', () => {
    const { applier } = applierIn(tempDir());
    expect(applier.accept({ version: 2, etag: 'e', document: { schemaVersion: 3 } })).toMatchObject({
      outcome: 'rejected',
      problems: [expect.stringMatching(/newer than this kiosk understands.*update the kiosk/)],
    });
  });

  it('a damaged saved file is ignored at start with a staff alert, and the kiosk starts on its local settings', () => {
    const dir = tempDir();
    writeFileSync(join(dir, CENTRAL_CONFIG_FILE), '{"version": 3, "etag": "x", "savedAt": "2026-12-06T00:00:00Z", "document": {"schemaVersion": 2, "idle": {"timeoutSeconds": -1}}');
    expect(readCentralLayer(dir).state).toBe('damaged');
    expect(loadKioskConfig(['--data-dir', dir]).config.idle.timeoutSeconds).toBe(60);
    const { applier, alerts } = applierIn(dir);
    expect(alerts).toEqual([expect.objectContaining({ source: 'config', reason: 'central_config_damaged' })]);
    expect(applier.inForce()).toBeNull();
    expect(applier.needsDocument()).toBe(true);
    // A saved document that no longer passes the schema (edited by hand) is damaged too, not half-used.
    saveCentralLayer(dir, { version: 3, etag: 'x', document: { schemaVersion: 2, idle: { timeoutSeconds: 5 } } }, new Date());
    expect(readCentralLayer(dir)).toMatchObject({ state: 'damaged', problems: [expect.stringMatching(/idle\.timeoutSeconds/)] });
  });
});

describe('the idle moment', () => {
  it('is a fresh render proof of the attract screen painted after the last citizen start, with no staff session open', () => {
    const clock = new FixedClock(new Date('2026-12-06T08:00:00Z'));
    let proof: { screen: string; ageSeconds: number } | null = null;
    let staff = false;
    const idle = new IdleMoment({ clock, proof: () => proof, staffSessionOpen: () => staff, freshSeconds: 30 });
    expect(idle.idle()).toBe(false);
    proof = { screen: ATTRACT_SCREEN, ageSeconds: 0 };
    expect(idle.idle()).toBe(true);
    proof = { screen: 'screen-home', ageSeconds: 0 };
    expect(idle.idle()).toBe(false);
    proof = { screen: ATTRACT_SCREEN, ageSeconds: 31 };
    expect(idle.idle()).toBe(false);
    // A citizen tapped after the last proof of the attract screen: not idle until a newer proof.
    proof = { screen: ATTRACT_SCREEN, ageSeconds: 5 };
    idle.citizenStarted();
    expect(idle.idle()).toBe(false);
    clock.advance(3_000);
    proof = { screen: ATTRACT_SCREEN, ageSeconds: 0 };
    expect(idle.idle()).toBe(true);
    staff = true;
    expect(idle.idle()).toBe(false);
  });
});
