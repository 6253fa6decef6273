import { chmodSync, chownSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const NOBODY = 65534;
const isRoot = () => process.getuid?.() === 0;

/**
 * A folder made read-only in a way root respects too. Tests run as root, and root writes through
 * permission bits (CAP_DAC_OVERRIDE), so the folder goes to `nobody` with modes 0555/0444 and the
 * process under test runs with `readOnlyCommand()`: still root (it can read the repo wherever it
 * is), but without the capabilities that override or change permissions.
 */
export function makeReadOnly(dir: string): void {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) makeReadOnly(path);
    else {
      if (isRoot()) chownSync(path, NOBODY, NOBODY);
      chmodSync(path, 0o444);
    }
  }
  if (isRoot()) chownSync(dir, NOBODY, NOBODY);
  chmodSync(dir, 0o555);
}

/** The prefix that runs a command without root's permission overrides (setpriv, util-linux); none when not root. */
export function readOnlyCommand(): string[] {
  return isRoot() ? ['setpriv', '--inh-caps=-all', '--bounding-set=-dac_override,-dac_read_search,-fowner'] : [];
}
