import { SEMVER_PATTERN } from '../../src-shared/update-feed';

/**
 * Semantic version order (semver.org §11), as electron-updater's `semver` compares a feed's
 * version with the running one: numbers by value, a pre-release below its release, pre-release
 * identifiers numeric-before-alphanumeric. Build metadata is ignored. Both must match SEMVER_PATTERN.
 */
export function compareVersions(a: string, b: string): number {
  const pa = parse(a);
  const pb = parse(b);
  for (let i = 0; i < 3; i += 1) {
    const d = (pa.core[i] ?? 0) - (pb.core[i] ?? 0);
    if (d !== 0) return Math.sign(d);
  }
  if (pa.pre.length === 0 || pb.pre.length === 0) return pa.pre.length === pb.pre.length ? 0 : pa.pre.length === 0 ? 1 : -1;
  for (let i = 0; i < Math.max(pa.pre.length, pb.pre.length); i += 1) {
    const x = pa.pre[i];
    const y = pb.pre[i];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    const d = compareIdentifier(x, y);
    if (d !== 0) return d;
  }
  return 0;
}

export function isVersion(text: string): boolean {
  return SEMVER_PATTERN.test(text);
}

function parse(version: string): { core: number[]; pre: string[] } {
  const m = SEMVER_PATTERN.exec(version);
  if (!m) throw new Error(`not a semantic version: ${JSON.stringify(version)}`);
  return { core: [Number(m[1]), Number(m[2]), Number(m[3])], pre: m[4] === undefined ? [] : m[4].split('.') };
}

function compareIdentifier(x: string, y: string): number {
  const nx = /^\d+$/.test(x);
  const ny = /^\d+$/.test(y);
  if (nx && ny) return Math.sign(Number(x) - Number(y));
  if (nx !== ny) return nx ? -1 : 1;
  return x < y ? -1 : x > y ? 1 : 0;
}
