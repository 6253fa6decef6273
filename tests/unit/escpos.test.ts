import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeEscPos, EscPosDecodeError } from '../../src-main/devices/printer/escpos-decoder';
import { EscPosEncoder, RASTER_BAND_ROWS } from '../../src-main/devices/printer/escpos-encoder';
import { countBlackDots, createMonoBitmap, getDot, type MonoBitmap } from '../../src-main/devices/printer/mono-bitmap';

const bitmapArb = fc
  .record({ bytesPerRow: fc.integer({ min: 1, max: 72 }), height: fc.integer({ min: 1, max: 600 }), seed: fc.integer() })
  .map(({ bytesPerRow, height, seed }): MonoBitmap => {
    const b = createMonoBitmap(bytesPerRow * 8, height);
    let x = seed >>> 0;
    for (let i = 0; i < b.data.length; i++) {
      x = (x * 1103515245 + 12345) >>> 0;
      b.data[i] = x >>> 24;
    }
    return b;
  });

describe('ESC/POS encoder and the virtual printer decoder', () => {
  it('round-trips any raster: what the encoder writes decodes to the same dots', () => {
    fc.assert(
      fc.property(bitmapArb, (image) => {
        const job = new EscPosEncoder().initialize().align('center').raster(image).cut().encode();
        const decoded = decodeEscPos(job, image.width);
        expect(decoded.initialized).toBe(true);
        expect(decoded.cuts).toBe(1);
        expect(decoded.unknownBytes).toBe(0);
        const page = decoded.pages[0]!;
        expect(page.width).toBe(image.width);
        expect(page.height).toBe(image.height);
        expect(Buffer.from(page.data).equals(Buffer.from(image.data))).toBe(true);
      }),
      { numRuns: 60 },
    );
  });

  it('writes GS v 0 with the documented header and splits tall images into bands', () => {
    const image = createMonoBitmap(576, RASTER_BAND_ROWS + 10);
    const job = new EscPosEncoder().raster(image).encode();
    expect([...job.subarray(0, 8)]).toEqual([0x1d, 0x76, 0x30, 0, 72, 0, RASTER_BAND_ROWS & 0xff, RASTER_BAND_ROWS >> 8]);
    const second = 8 + 72 * RASTER_BAND_ROWS;
    expect([...job.subarray(second, second + 8)]).toEqual([0x1d, 0x76, 0x30, 0, 72, 0, 10, 0]);
  });

  it('turns feeds into blank paper between rasters', () => {
    const dot = createMonoBitmap(8, 1);
    dot.data[0] = 0x80;
    const job = new EscPosEncoder().raster(dot).feed(2).raster(dot).encode();
    const page = decodeEscPos(job, 8).pages[0]!;
    expect(page.height).toBe(1 + 60 + 1);
    expect(getDot(page, 0, 0)).toBe(true);
    expect(getDot(page, 0, 61)).toBe(true);
    expect(countBlackDots(page)).toBe(2);
  });

  it('rejects a job cut short in the middle of a raster', () => {
    const job = new EscPosEncoder().raster(createMonoBitmap(64, 10)).encode();
    expect(() => decodeEscPos(job.subarray(0, job.length - 3), 64)).toThrow(EscPosDecodeError);
  });

  it('never throws anything but EscPosDecodeError on random bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), (bytes) => {
        try {
          decodeEscPos(bytes, 576);
        } catch (error) {
          expect(error).toBeInstanceOf(EscPosDecodeError);
        }
      }),
    );
  });
});
