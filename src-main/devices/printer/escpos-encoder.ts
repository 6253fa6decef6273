import type { MonoBitmap } from './mono-bitmap';

const ESC = 0x1b;
const GS = 0x1d;

/** Rows per `GS v 0` band: large single images overflow some printers' buffers. */
export const RASTER_BAND_ROWS = 256;

export type Alignment = 'left' | 'center' | 'right';

/** Builds an ESC/POS job. Text is always sent as raster (see DOMAIN.md: code pages break Vietnamese). */
export class EscPosEncoder {
  private readonly chunks: Uint8Array[] = [];

  initialize(): this {
    return this.push([ESC, 0x40]);
  }

  align(alignment: Alignment): this {
    return this.push([ESC, 0x61, { left: 0, center: 1, right: 2 }[alignment]]);
  }

  feed(lines: number): this {
    return this.push([ESC, 0x64, clampByte(lines)]);
  }

  /** GS V 66 n: feed n and partial cut, so the ticket is not left under the blade. */
  cut(feedDots = 0): this {
    return this.push([GS, 0x56, 66, clampByte(feedDots)]);
  }

  raster(image: MonoBitmap): this {
    for (let top = 0; top < image.height; top += RASTER_BAND_ROWS) {
      const rows = Math.min(RASTER_BAND_ROWS, image.height - top);
      const x = image.bytesPerRow;
      const header = [GS, 0x76, 0x30, 0, x & 0xff, x >> 8, rows & 0xff, rows >> 8];
      const body = image.data.subarray(top * x, (top + rows) * x);
      this.chunks.push(Uint8Array.from(header), body);
    }
    return this;
  }

  encode(): Uint8Array {
    const total = this.chunks.reduce((n, c) => n + c.length, 0);
    const out = new Uint8Array(total);
    let offset = 0;
    for (const c of this.chunks) {
      out.set(c, offset);
      offset += c.length;
    }
    return out;
  }

  private push(bytes: number[]): this {
    this.chunks.push(Uint8Array.from(bytes));
    return this;
  }
}

const clampByte = (n: number) => Math.max(0, Math.min(255, Math.round(n)));
