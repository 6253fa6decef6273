import { promisify } from 'node:util';
import { deflate } from 'node:zlib';
import { canvasLib } from '../canvas-lib';
import type { RawPage } from './raw-page';

const deflateAsync = promisify(deflate);

/** A page compressed the way the PDF will carry it. */
export interface EncodedPage {
  width: number;
  height: number;
  dpi: number;
  /** flate-gray: zlib-deflated 8-bit grey samples (PDF FlateDecode, DeviceGray); jpeg: a JPEG file (DCTDecode). */
  format: 'flate-gray' | 'jpeg';
  bytes: Uint8Array;
}

export const JPEG_QUALITY = 80;
export const THUMBNAIL_WIDTH = 160;

/**
 * Grey pages are deflated as they are: lossless, one sample per pixel, and faster and no larger
 * than a canvas JPEG of the same page (docs/decisions: document scan pages). Colour pages
 * become JPEG, which is what keeps photos and stamps small. Both run off the main thread.
 */
export async function encodePage(page: RawPage): Promise<EncodedPage> {
  const { width, height, dpi } = page;
  if (page.channels === 1) {
    return { width, height, dpi, format: 'flate-gray', bytes: await deflateAsync(page.data, { level: 6 }) };
  }
  const { createCanvas, ImageData } = canvasLib();
  const canvas = createCanvas(width, height);
  canvas.getContext('2d').putImageData(new ImageData(toRgba(page.data, 3, width * height), width, height), 0, 0);
  return { width, height, dpi, format: 'jpeg', bytes: await canvas.encode('jpeg', JPEG_QUALITY) };
}

/** A small PNG of the page for the screen (the citizen checks each page before sending). */
export async function thumbnailPng(page: RawPage, targetWidth = THUMBNAIL_WIDTH): Promise<Uint8Array> {
  const scale = Math.max(1, page.width / targetWidth);
  const w = Math.max(1, Math.round(page.width / scale));
  const h = Math.max(1, Math.round(page.height / scale));
  const small = boxDownscale(page, w, h);
  const { createCanvas, ImageData } = canvasLib();
  const canvas = createCanvas(w, h);
  canvas.getContext('2d').putImageData(new ImageData(toRgba(small, page.channels, w * h), w, h), 0, 0);
  return canvas.encode('png');
}

/** Averages each target pixel's source box: sharper than nearest-neighbour for text at 1/10 scale. */
function boxDownscale(page: RawPage, w: number, h: number): Uint8Array {
  const { width, height, channels, data } = page;
  const out = new Uint8Array(w * h * channels);
  for (let y = 0; y < h; y++) {
    const y0 = Math.floor((y * height) / h);
    const y1 = Math.max(y0 + 1, Math.floor(((y + 1) * height) / h));
    for (let x = 0; x < w; x++) {
      const x0 = Math.floor((x * width) / w);
      const x1 = Math.max(x0 + 1, Math.floor(((x + 1) * width) / w));
      for (let c = 0; c < channels; c++) {
        let sum = 0;
        for (let sy = y0; sy < y1; sy++) {
          const row = sy * width;
          for (let sx = x0; sx < x1; sx++) sum += data[(row + sx) * channels + c] ?? 0;
        }
        out[(y * w + x) * channels + c] = Math.round(sum / ((y1 - y0) * (x1 - x0)));
      }
    }
  }
  return out;
}

function toRgba(data: Uint8Array, channels: 1 | 3, pixels: number): Uint8ClampedArray {
  const rgba = new Uint8ClampedArray(pixels * 4);
  for (let i = 0, j = 0, k = 0; i < pixels; i++, j += 4, k += channels) {
    const r = data[k] ?? 0;
    rgba[j] = r;
    rgba[j + 1] = channels === 3 ? (data[k + 1] ?? 0) : r;
    rgba[j + 2] = channels === 3 ? (data[k + 2] ?? 0) : r;
    rgba[j + 3] = 255;
  }
  return rgba;
}
