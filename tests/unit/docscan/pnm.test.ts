import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parsePnm, PnmError } from '../../../src-main/devices/docscan/raw-page';

const header = (magic: string, w: number, h: number, max: number, comment = '# SANE data follows\n') =>
  new TextEncoder().encode(`${magic}\n${comment}${w} ${h}\n${max}\n`);
const concat = (a: Uint8Array, b: Uint8Array) => {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
};

describe('parsePnm', () => {
  it('reads grey and colour images with SANE’s header comment', () => {
    const grey = parsePnm(concat(header('P5', 3, 2, 255), Uint8Array.from([0, 1, 2, 3, 4, 5])), 200);
    expect(grey).toMatchObject({ width: 3, height: 2, channels: 1, dpi: 200 });
    expect([...grey.data]).toEqual([0, 1, 2, 3, 4, 5]);
    const colour = parsePnm(concat(header('P6', 1, 2, 255, ''), Uint8Array.from([9, 8, 7, 6, 5, 4])), 300);
    expect(colour).toMatchObject({ width: 1, height: 2, channels: 3 });
    expect([...colour.data]).toEqual([9, 8, 7, 6, 5, 4]);
  });

  it('keeps the high byte of 16-bit samples', () => {
    const page = parsePnm(concat(header('P5', 2, 1, 65535), Uint8Array.from([0xab, 0xcd, 0x12, 0x34])), 100);
    expect([...page.data]).toEqual([0xab, 0x12]);
  });

  it('refuses a cut-short image and what is not a PNM', () => {
    expect(() => parsePnm(concat(header('P5', 4, 4, 255), new Uint8Array(15)), 200)).toThrow(/cut short/);
    expect(() => parsePnm(new TextEncoder().encode('%PDF-1.7'), 200)).toThrow(PnmError);
    expect(() => parsePnm(header('P5', 0, 4, 255), 200)).toThrow(/width/);
  });

  it('never throws anything but a PnmError, and reads back any image it is given', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        try {
          parsePnm(bytes, 200);
        } catch (error) {
          expect(error).toBeInstanceOf(PnmError);
        }
      }),
    );
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 8 }), fc.integer({ min: 1, max: 8 }), fc.boolean(), fc.context(), (w, h, colour, ctx) => {
        const samples = Uint8Array.from({ length: w * h * (colour ? 3 : 1) }, (_, i) => (i * 37 + w) % 256);
        ctx.log(`${w}x${h}`);
        const page = parsePnm(concat(header(colour ? 'P6' : 'P5', w, h, 255), samples), 150);
        expect(page.data).toEqual(samples);
      }),
    );
  });
});
