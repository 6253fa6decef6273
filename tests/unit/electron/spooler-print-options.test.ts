import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildSpoolerPrintOptions } from '../../../src-main/electron/spooler-print-options';

describe('buildSpoolerPrintOptions', () => {
  it('prints an 80 mm roll job silently, without margins, on a page as long as the job', () => {
    expect(buildSpoolerPrintOptions({ paper: { kind: 'roll', widthMm: 80 }, contentHeightMm: 123.4, deviceName: 'EPSON_TM_T82III' })).toEqual({
      silent: true,
      printBackground: true,
      color: false,
      landscape: false,
      scaleFactor: 100,
      pagesPerSheet: 1,
      copies: 1,
      margins: { marginType: 'none' },
      pageSize: { width: 80_000, height: 124_000 },
      deviceName: 'EPSON_TM_T82III',
    });
  });

  it('uses a named sheet size for receipts on A5', () => {
    const options = buildSpoolerPrintOptions({ paper: { kind: 'sheet', size: 'A5' }, contentHeightMm: 500, deviceName: 'HP_LaserJet' });
    expect(options.pageSize).toBe('A5');
    expect(options.margins).toEqual({ marginType: 'none' });
  });

  it('leaves the device out for the system default printer', () => {
    expect(buildSpoolerPrintOptions({ paper: { kind: 'roll', widthMm: 58 }, contentHeightMm: 80, deviceName: '  ' })).not.toHaveProperty('deviceName');
  });

  it('keeps any roll length within what Chromium and a roll accept, and copies within 1–9', () => {
    fc.assert(
      fc.property(fc.double(), fc.constantFrom(58 as const, 80 as const), fc.double(), (length, widthMm, copies) => {
        const options = buildSpoolerPrintOptions({ paper: { kind: 'roll', widthMm }, contentHeightMm: length, deviceName: 'x', copies });
        const size = options.pageSize;
        if (typeof size !== 'object') throw new Error('a roll needs a custom size');
        expect(size.width).toBe(widthMm * 1000);
        expect(Number.isInteger(size.height)).toBe(true);
        expect(size.height).toBeGreaterThanOrEqual(40_000);
        expect(size.height).toBeLessThanOrEqual(3_000_000);
        if (Number.isFinite(length) && length > 40 && length < 3000) expect(size.height).toBeGreaterThanOrEqual(length * 1000);
        expect(options.copies).toBeGreaterThanOrEqual(1);
        expect(options.copies).toBeLessThanOrEqual(9);
      }),
    );
  });
});
