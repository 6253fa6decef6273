/** One ESC/POS command of the subset the kiosk uses, located in a byte stream. */
export type EscPosToken =
  | { kind: 'init'; length: 2 }
  | { kind: 'align'; length: 3 }
  | { kind: 'feed-lines'; length: 3; lines: number }
  | { kind: 'line-feed'; length: 1 }
  | { kind: 'cut'; length: 3 | 4; feedDots: number }
  | { kind: 'raster'; length: number; bytesPerRow: number; rows: number; dataOffset: number }
  | { kind: 'status-query'; length: 3; n: number }
  | { kind: 'unknown'; length: 1 };

export class EscPosTruncatedError extends Error {}

/**
 * Reads the command that starts at `i`. Returns null when the stream ends inside it (more bytes
 * are on the way, or the job was cut short). Raster data is skipped whole, so bytes inside an
 * image are never mistaken for commands (a `10 04` inside a picture is not a status query).
 */
export function tokenAt(bytes: Uint8Array, i: number): EscPosToken | null {
  const at = (k: number) => bytes[i + k];
  const has = (n: number) => i + n <= bytes.length;
  const b = at(0);
  if (b === 0x1b) {
    if (!has(2)) return null;
    if (at(1) === 0x40) return { kind: 'init', length: 2 };
    if (at(1) === 0x61) return has(3) ? { kind: 'align', length: 3 } : null;
    if (at(1) === 0x64) return has(3) ? { kind: 'feed-lines', length: 3, lines: at(2)! } : null;
    return { kind: 'unknown', length: 1 };
  }
  if (b === 0x1d) {
    if (!has(2)) return null;
    if (at(1) === 0x76) {
      if (!has(8)) return null;
      if (at(2) !== 0x30) return { kind: 'unknown', length: 1 };
      const bytesPerRow = at(4)! + 256 * at(5)!;
      const rows = at(6)! + 256 * at(7)!;
      const length = 8 + bytesPerRow * rows;
      return has(length) ? { kind: 'raster', length, bytesPerRow, rows, dataOffset: i + 8 } : null;
    }
    if (at(1) === 0x56) {
      if (!has(3)) return null;
      const m = at(2)!;
      if (m === 65 || m === 66) return has(4) ? { kind: 'cut', length: 4, feedDots: at(3)! } : null;
      return { kind: 'cut', length: 3, feedDots: 0 };
    }
    return { kind: 'unknown', length: 1 };
  }
  if (b === 0x10) {
    if (!has(2)) return null;
    if (at(1) === 0x04) return has(3) ? { kind: 'status-query', length: 3, n: at(2)! } : null;
    return { kind: 'unknown', length: 1 };
  }
  if (b === 0x0a) return { kind: 'line-feed', length: 1 };
  return { kind: 'unknown', length: 1 };
}
