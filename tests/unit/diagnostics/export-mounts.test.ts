import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listExportMounts } from '../../../src-main/diagnostics/export-mounts';
import { useTempDirs } from '../../fakes/temp-dir';

const tempDir = useTempDirs();

describe('listExportMounts: the USB drives the log export may be written to', () => {
  it('finds <root>/<user>/<label> for a `/*` root and <root>/<label> for a plain one, writable folders only', () => {
    const base = tempDir();
    mkdirSync(join(base, 'media', 'kiosk', 'KINGSTON'), { recursive: true });
    mkdirSync(join(base, 'media', 'kiosk', 'SANDISK'), { recursive: true });
    mkdirSync(join(base, 'media', 'other', '.hidden'), { recursive: true });
    writeFileSync(join(base, 'media', 'kiosk', 'not-a-drive.txt'), 'x');
    mkdirSync(join(base, 'usbmount', 'usb0'), { recursive: true });
    const readOnly = join(base, 'media', 'kiosk', 'LOCKED');
    mkdirSync(readOnly);
    chmodSync(readOnly, 0o500);
    return listExportMounts([join(base, 'media', '*'), join(base, 'usbmount'), join(base, 'missing', '*')]).then((mounts) => {
      chmodSync(readOnly, 0o700);
      const labels = mounts.map((m) => m.label);
      // root may write anywhere: the read-only folder is only left out for other users.
      expect(labels.filter((l) => l !== 'LOCKED')).toEqual(['KINGSTON', 'SANDISK', 'usb0']);
      if (process.getuid?.() !== 0) expect(labels).not.toContain('LOCKED');
      expect(mounts[0]?.path).toBe(join(base, 'media', 'kiosk', 'KINGSTON'));
      expect(mounts[0]?.freeBytes).toBeGreaterThan(0);
    });
  });
});
