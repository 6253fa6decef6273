import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  buildScanArgs,
  failureFromScanimage,
  parseDeviceOptions,
  pickMode,
  pickSource,
} from '../../../src-main/devices/docscan/scanimage-args';

const SANE_DIR = join(import.meta.dirname, '../../fixtures/sane');

// As `scanimage -A` prints it for a duplex sheet-fed scanner (fujitsu backend).
const FUJITSU = `
Options specific to device \`fujitsu:fi-7160:1234':
  Standard:
    --source ADF Front|ADF Back|ADF Duplex [ADF Front]
        Selects the scan source (such as a document-feeder).
    --mode Lineart|Halftone|Gray|Color [Lineart]
        Selects the scan mode (e.g., lineart, monochrome, or color).
    --resolution 50..600dpi (in steps of 1) [600]
`;

describe('scanimage options', () => {
  it('reads the real test backend’s sources and modes', () => {
    const run = spawnSync('scanimage', ['-d', 'test', '-A'], { env: { ...process.env, SANE_CONFIG_DIR: SANE_DIR }, encoding: 'utf8' });
    expect(run.status).toBe(0);
    const options = parseDeviceOptions(run.stdout);
    expect(options.sources).toEqual(['Flatbed', 'Automatic Document Feeder']);
    expect(options.modes).toEqual(['Gray', 'Color']);
    expect(pickSource(options.sources, 'adf')).toBe('Automatic Document Feeder');
    expect(pickSource(options.sources, 'flatbed')).toBe('Flatbed');
  });

  it('picks the single-sided feeder and the grey mode of a sheet-fed scanner', () => {
    const options = parseDeviceOptions(FUJITSU);
    expect(pickSource(options.sources, 'adf')).toBe('ADF Front');
    // No glass: the device's own default source is left as it is.
    expect(pickSource(options.sources, 'flatbed')).toBeNull();
    expect(pickMode(options.modes, 'gray')).toBe('Gray');
    expect(pickMode(options.modes, 'color')).toBe('Color');
  });

  it('knows a flatbed-only device has no feeder', () => {
    expect(pickSource([], 'adf')).toBeUndefined();
    expect(pickSource([], 'flatbed')).toBeNull();
    expect(pickSource(['Flatbed', 'Transparency Adapter'], 'adf')).toBeUndefined();
  });

  it('builds a batch that prints each finished page', () => {
    expect(
      buildScanArgs({ device: 'test:0', resolution: 200, mode: 'Gray', source: 'Flatbed', batchPattern: '/t/p-%04d.pnm', batchCount: 1 }),
    ).toEqual(['-d', 'test:0', '--format=pnm', '--resolution', '200', '--mode', 'Gray', '--source', 'Flatbed', '--batch=/t/p-%04d.pnm', '--batch-count=1', '--batch-print']);
    expect(buildScanArgs({ device: 'x', resolution: 300, mode: null, source: null, batchPattern: 'p%d', batchCount: 5 })).not.toContain('--source');
  });

  it('reads why scanimage stopped', () => {
    expect(failureFromScanimage(0, 'Scanned page 1. (scanner status = 5)\nBatch terminated, 1 page scanned')).toBeNull();
    expect(failureFromScanimage(0, 'scanimage: sane_start: Document feeder out of documents')).toBe('feeder-empty');
    expect(failureFromScanimage(6, 'scanimage: sane_read: Document feeder jammed')).toBe('jammed');
    expect(failureFromScanimage(8, '')).toBe('cover-open');
    expect(failureFromScanimage(3, '')).toBe('busy');
    expect(failureFromScanimage(1, 'scanimage: open of device foo:0 failed: Invalid argument')).toBe('no-device');
    expect(failureFromScanimage(9, 'scanimage: sane_read: Error during device I/O')).toBe('device-error');
    expect(failureFromScanimage(null, '')).toBe('device-error');
  });
});
