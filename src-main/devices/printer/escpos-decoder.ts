import { createMonoBitmap, stackBitmaps, type MonoBitmap } from './mono-bitmap';

/** Dots one `ESC d` line feed advances; 30 dots is the default line spacing of 80 mm printers. */
const LINE_DOTS = 30;

export interface DecodedJob {
  /** The paper as it would come out: raster bands and feeds stacked, one image per cut. */
  readonly pages: MonoBitmap[];
  readonly cuts: number;
  readonly initialized: boolean;
  /** Bytes the decoder did not understand; a real printer would print or ignore them. */
  readonly unknownBytes: number;
}

export class EscPosDecodeError extends Error {}

/**
 * Decodes the subset of ESC/POS the kiosk emits back into images: the virtual printer's eyes.
 * A truncated command is an error (a real printer would hang waiting for the rest).
 */
export function decodeEscPos(bytes: Uint8Array, paperWidthDots: number): DecodedJob {
  const pages: MonoBitmap[] = [];
  let parts: MonoBitmap[] = [];
  let gaps: number[] = [];
  let cuts = 0;
  let unknownBytes = 0;
  let initialized = false;
  let i = 0;
  const need = (n: number) => {
    if (i + n > bytes.length) throw new EscPosDecodeError(`Truncated command at byte ${i}`);
  };
  const addGap = (dots: number) => {
    if (parts.length === 0) parts.push(createMonoBitmap(paperWidthDots, 0));
    gaps[parts.length - 1] = (gaps[parts.length - 1] ?? 0) + dots;
  };
  const endPage = () => {
    if (parts.length) pages.push(stackBitmaps(parts, gaps));
    parts = [];
    gaps = [];
  };
  while (i < bytes.length) {
    const b = bytes[i]!;
    if (b === 0x1b) {
      need(2);
      const cmd = bytes[i + 1];
      if (cmd === 0x40) {
        initialized = true;
        i += 2;
      } else if (cmd === 0x61) {
        need(3);
        i += 3;
      } else if (cmd === 0x64) {
        need(3);
        addGap(bytes[i + 2]! * LINE_DOTS);
        i += 3;
      } else {
        unknownBytes += 1;
        i += 1;
      }
    } else if (b === 0x1d) {
      need(2);
      const cmd = bytes[i + 1];
      if (cmd === 0x76) {
        need(8);
        if (bytes[i + 2] !== 0x30) throw new EscPosDecodeError(`Unsupported GS v form at byte ${i}`);
        const x = bytes[i + 4]! + 256 * bytes[i + 5]!;
        const y = bytes[i + 6]! + 256 * bytes[i + 7]!;
        need(8 + x * y);
        const band = createMonoBitmap(x * 8, y);
        band.data.set(bytes.subarray(i + 8, i + 8 + x * y));
        parts.push(band);
        i += 8 + x * y;
      } else if (cmd === 0x56) {
        need(3);
        const m = bytes[i + 2]!;
        const len = m === 65 || m === 66 ? 4 : 3;
        need(len);
        if (len === 4) addGap(bytes[i + 3]!);
        cuts += 1;
        endPage();
        i += len;
      } else {
        unknownBytes += 1;
        i += 1;
      }
    } else if (b === 0x0a) {
      addGap(LINE_DOTS);
      i += 1;
    } else {
      unknownBytes += 1;
      i += 1;
    }
  }
  endPage();
  return { pages, cuts, initialized, unknownBytes };
}
