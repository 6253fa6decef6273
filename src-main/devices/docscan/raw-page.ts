/** One scanned page as it came from the device: 8-bit samples, row by row, no padding. */
export interface RawPage {
  width: number;
  height: number;
  /** 1 = grey, 3 = RGB. */
  channels: 1 | 3;
  dpi: number;
  data: Uint8Array;
}

export class PnmError extends Error {}

/**
 * Reads the binary PNM that `scanimage --format=pnm` writes: P5 (grey) or P6 (RGB), 8 or 16 bits
 * (16-bit samples keep their high byte). SANE puts `# SANE data follows` comments in the header.
 */
export function parsePnm(bytes: Uint8Array, dpi: number): RawPage {
  let pos = 0;
  const token = (): string => {
    for (;;) {
      while (pos < bytes.length && isSpace(bytes[pos] ?? 0)) pos++;
      if (bytes[pos] !== 0x23) break; // '#': a comment runs to the end of the line
      while (pos < bytes.length && bytes[pos] !== 0x0a) pos++;
    }
    const start = pos;
    while (pos < bytes.length && !isSpace(bytes[pos] ?? 0) && pos - start < 16) pos++;
    return String.fromCharCode(...bytes.subarray(start, pos));
  };
  const magic = token();
  if (magic !== 'P5' && magic !== 'P6') throw new PnmError(`not a grey or colour PNM image (starts with "${magic.slice(0, 4)}")`);
  const width = Number(token());
  const height = Number(token());
  const maxval = Number(token());
  for (const [name, value] of [['width', width], ['height', height], ['maxval', maxval]] as const) {
    if (!Number.isInteger(value) || value < 1) throw new PnmError(`bad PNM ${name}`);
  }
  if (maxval > 65535) throw new PnmError('bad PNM maxval');
  pos++; // the single whitespace byte before the samples
  const channels = magic === 'P5' ? 1 : 3;
  const samples = width * height * channels;
  const wide = maxval > 255;
  const need = samples * (wide ? 2 : 1);
  if (bytes.length - pos < need) throw new PnmError(`PNM image is cut short (${bytes.length - pos} of ${need} bytes)`);
  let data: Uint8Array;
  if (wide) {
    data = new Uint8Array(samples);
    for (let i = 0; i < samples; i++) data[i] = bytes[pos + 2 * i] ?? 0;
  } else {
    data = bytes.slice(pos, pos + need);
  }
  return { width, height, channels, dpi, data };
}

const isSpace = (b: number): boolean => b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09;
