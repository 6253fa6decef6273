import { assertNever } from '../../../src-shared/assert-never';
import { tokenAt } from './escpos-tokenizer';
import { createMonoBitmap, stackBitmaps, type MonoBitmap } from './mono-bitmap';

/** Dots one line feed advances; 30 dots is the default line spacing of 80 mm printers. */
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
  const addGap = (dots: number) => {
    if (parts.length === 0) parts.push(createMonoBitmap(paperWidthDots, 0));
    gaps[parts.length - 1] = (gaps[parts.length - 1] ?? 0) + dots;
  };
  const endPage = () => {
    if (parts.length) pages.push(stackBitmaps(parts, gaps));
    parts = [];
    gaps = [];
  };
  for (let i = 0; i < bytes.length; ) {
    const token = tokenAt(bytes, i);
    if (!token) throw new EscPosDecodeError(`Truncated command at byte ${i}`);
    switch (token.kind) {
      case 'init':
        initialized = true;
        break;
      case 'feed-lines':
        addGap(token.lines * LINE_DOTS);
        break;
      case 'line-feed':
        addGap(LINE_DOTS);
        break;
      case 'cut':
        addGap(token.feedDots);
        cuts += 1;
        endPage();
        break;
      case 'raster': {
        const band = createMonoBitmap(token.bytesPerRow * 8, token.rows);
        band.data.set(bytes.subarray(token.dataOffset, token.dataOffset + token.bytesPerRow * token.rows));
        parts.push(band);
        break;
      }
      case 'unknown':
        unknownBytes += 1;
        break;
      case 'align':
      case 'status-query':
        break;
      default:
        assertNever(token);
    }
    i += token.length;
  }
  endPage();
  return { pages, cuts, initialized, unknownBytes };
}

/**
 * Splits a byte stream at the end of its last complete, cut-terminated job. Status queries are
 * returned apart, in order, so a printer emulator can answer them.
 */
export function splitStream(bytes: Uint8Array): { job: Uint8Array | null; statusQueries: number[]; rest: Uint8Array } {
  const statusQueries: number[] = [];
  const jobBytes: number[] = [];
  let lastCutEnd = -1;
  let jobLengthAtCut = 0;
  let i = 0;
  for (; i < bytes.length; ) {
    const token = tokenAt(bytes, i);
    if (!token) break;
    if (token.kind === 'status-query') statusQueries.push(token.n);
    else for (let k = 0; k < token.length; k++) jobBytes.push(bytes[i + k]!);
    i += token.length;
    if (token.kind === 'cut') {
      lastCutEnd = i;
      jobLengthAtCut = jobBytes.length;
    }
  }
  const job = lastCutEnd >= 0 ? Uint8Array.from(jobBytes.slice(0, jobLengthAtCut)) : null;
  // What follows the last cut stays pending (minus the status queries already taken out).
  const rest = Uint8Array.from(jobBytes.slice(jobLengthAtCut).concat(Array.from(bytes.subarray(i))));
  return { job, statusQueries, rest };
}
