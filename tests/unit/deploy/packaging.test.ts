// What the install and the package promise, checked against the files that make the promise:
// package.json, package-lock.json, electron-builder.yml, README.md (decision 0035).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import Ajv from 'ajv';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const read = (file: string) => readFileSync(join(ROOT, file), 'utf8');
const pkg = JSON.parse(read('package.json')) as {
  engines?: { node?: string };
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  scripts: Record<string, string>;
};
const lock = JSON.parse(read('package-lock.json')) as { packages: Record<string, { engines?: { node?: string } | string[]; dev?: boolean }> };
const semver = createRequire(import.meta.url)('semver') as { satisfies(version: string, range: string): boolean; minVersion(range: string): { version: string } | null };

/** Only electron-builder's packaging step runs these; the kiosk, its tests and its build never do. */
const PACKAGING_ONLY = ['node_modules/@electron/rebuild', 'node_modules/@electron/rebuild/node_modules/node-abi'];

describe('installing without Electron', () => {
  it('has Electron as an optional dependency only, so a failed binary download does not fail npm ci', () => {
    expect(pkg.optionalDependencies?.electron).toBeDefined();
    expect(pkg.devDependencies.electron).toBeUndefined();
    expect(pkg.dependencies.electron).toBeUndefined();
    expect(pkg.scripts.postinstall).toBe('node scripts/postinstall.mjs');
  });
});

describe("the README's Quick start and .ci/run", () => {
  const readme = read('README.md');
  const quickStart = readme.slice(readme.indexOf('## Quick start'), readme.indexOf('Useful variants:'));
  const ci = read('.ci/run');

  it('install the same apt packages', () => {
    const aptLine = /apt-get install -y ([^\n]+)/.exec(quickStart)?.[1]?.trim().split(/\s+/) ?? [];
    const ciPackages = /packages=\(([^)]*)\)/.exec(ci)?.[1]?.trim().split(/\s+/) ?? [];
    expect(aptLine.length).toBeGreaterThan(0);
    expect(ciPackages).toEqual(aptLine);
  });

  it('run npm ci with no variable, then npm test', () => {
    expect(quickStart).toMatch(/^npm ci\b/m);
    expect(quickStart).toMatch(/^npm test\b/m);
    expect(ci).toMatch(/^npm ci\b/m);
    expect(ci).toMatch(/^npm test$/m);
    expect(ci).not.toMatch(/^\s*export ELECTRON_SKIP_BINARY_DOWNLOAD/m);
  });
});

describe('Node versions', () => {
  const range = pkg.engines?.node ?? '';
  // The lowest version of each branch of the range: ^20.19.0 || ^22.13.0 || >=24 gives three.
  const floors = range.split('||').map((branch) => semver.minVersion(branch.trim())?.version ?? 'none');

  it('declares one range, and every branch of it satisfies every locked package the kiosk runs or tests with', () => {
    expect(range).toMatch(/\d/);
    const unmet: string[] = [];
    for (const [name, entry] of Object.entries(lock.packages)) {
      const wanted = entry.engines && !Array.isArray(entry.engines) ? entry.engines.node : undefined;
      if (!name || !wanted || PACKAGING_ONLY.includes(name)) continue;
      for (const floor of floors) if (!semver.satisfies(floor, wanted)) unmet.push(`${name} wants ${wanted}, not ${floor}`);
    }
    expect(unmet).toEqual([]);
  });

  it('names the packaging-only exceptions correctly: they want more than Node 20, and the newer branches meet them', () => {
    for (const name of PACKAGING_ONLY) {
      const entry = lock.packages[name];
      const wanted = entry?.engines && !Array.isArray(entry.engines) ? entry.engines.node : undefined;
      expect(wanted, name).toBeDefined();
      expect(semver.satisfies(floors[0]!, wanted!), `${name} on ${floors[0]}`).toBe(false);
      for (const floor of floors.slice(1)) expect(semver.satisfies(floor, wanted!), `${name} on ${floor}`).toBe(true);
    }
  });

  it('is the range the README states', () => {
    expect(read('README.md')).toContain(`\`${range}\``);
  });
});

describe('electron-builder.yml', () => {
  const config = parse(read('electron-builder.yml')) as { electronFuses: Record<string, boolean>; files: string[] };

  it("is valid for electron-builder's own schema (a misspelt fuse would be ignored silently otherwise)", () => {
    const schema = JSON.parse(read('node_modules/app-builder-lib/scheme.json')) as object;
    const validate = new Ajv({ strict: false, allErrors: true }).compile(schema);
    expect(validate(config), JSON.stringify(validate.errors)).toBe(true);
  });

  it('sets the fuses that close the ways around the sandbox and keep cookies encrypted', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      enableCookieEncryption: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('keeps the electron npm package out of the app (an optional dependency counts as a production one)', () => {
    expect(config.files).toContain('!**/node_modules/electron/**');
  });
});
