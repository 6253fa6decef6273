import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src-main/db/open-database';
import { makeReadOnly, readOnlyCommand } from '../fakes/read-only';
import { useTempDirs } from '../fakes/temp-dir';

const tempDir = useTempDirs();
const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** openDatabase in a child that cannot write the read-only folder; gives the failure the kiosk would show. */
function openReadOnly(file: string): { reason: string; message: string } {
  const script = `
    import { openDatabase, StoreOpenError } from ${JSON.stringify(join(ROOT, 'src-main/db/open-database.ts'))};
    try { openDatabase(${JSON.stringify(file)}).close(); console.log(JSON.stringify({ reason: 'opened', message: '' })); }
    catch (e) { console.log(JSON.stringify(e instanceof StoreOpenError ? e.failure : { reason: 'threw', message: String(e) })); }`;
  const [command = process.execPath, ...prefix] = [...readOnlyCommand(), process.execPath];
  const out = execFileSync(command, [...prefix, '--import', 'tsx', '--input-type=module', '-e', script], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  return JSON.parse(out.trim().split('\n').at(-1) ?? '{}') as { reason: string; message: string };
}

describe('a read-only data folder', () => {
  it('an empty one: the store is reported unavailable, saying the folder cannot be written', () => {
    const dir = tempDir();
    makeReadOnly(dir);
    const failure = openReadOnly(join(dir, 'kiosk.sqlite3'));
    expect(failure.reason).toBe('io_error');
    expect(failure.message).toMatch(new RegExp(`The data folder cannot be written: ${dir} is not writable by this user \\(EACCES\\)`));
  });

  it('one with a store in it: the same words, and the store is left as it was', () => {
    const dir = tempDir();
    const file = join(dir, 'kiosk.sqlite3');
    openDatabase(file).close();
    const before = readFileSync(file);
    makeReadOnly(dir);
    const failure = openReadOnly(file);
    expect(failure.reason).toBe('io_error');
    expect(failure.message).toMatch(/The data folder cannot be written: .* not writable by this user/);
    expect(readFileSync(file).equals(before)).toBe(true);
  });
});
