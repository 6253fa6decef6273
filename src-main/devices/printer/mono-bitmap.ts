/** A 1-bit image as thermal printers take it: rows of bytes, MSB first, 1 = black dot. */
export interface MonoBitmap {
  readonly width: number;
  readonly height: number;
  readonly bytesPerRow: number;
  readonly data: Uint8Array;
}

export function createMonoBitmap(width: number, height: number): MonoBitmap {
  const bytesPerRow = Math.ceil(width / 8);
  return { width, height, bytesPerRow, data: new Uint8Array(bytesPerRow * height) };
}

export function getDot(b: MonoBitmap, x: number, y: number): boolean {
  return ((b.data[y * b.bytesPerRow + (x >> 3)] ?? 0) & (0x80 >> (x & 7))) !== 0;
}

/** Thresholds RGBA pixels (luminance < threshold, or transparent as white) into dots. */
export function monoFromRgba(rgba: Uint8Array | Uint8ClampedArray, width: number, height: number, threshold = 160): MonoBitmap {
  const out = createMonoBitmap(width, height);
  // Integer luminance (weights ×1000) against the threshold, composited over white paper:
  // lum = 255 − a·(255 − y)/255 < threshold  ⇔  a·(255 − y) > (255 − threshold)·255.
  const limit = (255 - threshold) * 255 * 1000;
  for (let y = 0; y < height; y++) {
    const row = y * out.bytesPerRow;
    let i = y * width * 4;
    for (let x = 0; x < width; x++, i += 4) {
      const a = rgba[i + 3] ?? 0;
      if (a === 0) continue;
      const y1000 = 299 * (rgba[i] ?? 0) + 587 * (rgba[i + 1] ?? 0) + 114 * (rgba[i + 2] ?? 0);
      if (a * (255_000 - y1000) > limit) out.data[row + (x >> 3)]! |= 0x80 >> (x & 7);
    }
  }
  return out;
}

export function countBlackDots(b: MonoBitmap): number {
  let n = 0;
  for (const byte of b.data) {
    let v = byte;
    while (v) {
      n += v & 1;
      v >>= 1;
    }
  }
  return n;
}

/** Stacks bitmaps vertically, left-aligned, on a canvas as wide as the widest. */
export function stackBitmaps(parts: readonly MonoBitmap[], gaps: readonly number[] = []): MonoBitmap {
  const width = Math.max(8, ...parts.map((p) => p.width));
  const height = parts.reduce((h, p, i) => h + p.height + (gaps[i] ?? 0), 0);
  const out = createMonoBitmap(width, Math.max(1, height));
  let y0 = 0;
  parts.forEach((p, i) => {
    for (let y = 0; y < p.height; y++) {
      out.data.set(p.data.subarray(y * p.bytesPerRow, (y + 1) * p.bytesPerRow), (y0 + y) * out.bytesPerRow);
    }
    y0 += p.height + (gaps[i] ?? 0);
  });
  return out;
}
