import { EscPosEncoder } from './escpos-encoder';
import type { MonoBitmap } from './mono-bitmap';

/** One paper print: reset, the image centred, a few lines to clear the blade, a partial cut. */
export const encodeRasterJob = (image: MonoBitmap): Uint8Array =>
  new EscPosEncoder().initialize().align('center').raster(image).feed(3).cut().encode();
