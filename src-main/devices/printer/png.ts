import { canvasLib } from '../canvas-lib';
import { getDot, type MonoBitmap } from './mono-bitmap';

/** Renders printer dots as a black-on-white PNG, as the paper would look. */
export function monoToPng(bitmap: MonoBitmap): Buffer {
  const canvas = canvasLib().createCanvas(Math.max(1, bitmap.width), Math.max(1, bitmap.height));
  const ctx = canvas.getContext('2d');
  const image = ctx.createImageData(canvas.width, canvas.height);
  for (let y = 0; y < bitmap.height; y++) {
    for (let x = 0; x < bitmap.width; x++) {
      const v = getDot(bitmap, x, y) ? 0 : 255;
      const i = (y * bitmap.width + x) * 4;
      image.data[i] = v;
      image.data[i + 1] = v;
      image.data[i + 2] = v;
      image.data[i + 3] = 255;
    }
  }
  ctx.putImageData(image, 0, 0);
  return canvas.toBuffer('image/png');
}
