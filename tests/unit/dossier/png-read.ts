import { createCanvas, loadImage } from '@napi-rs/canvas';

/** Decodes a PNG to its size and the share of dark pixels (the "not blank" check). */
export async function inkOf(png: Buffer): Promise<{ width: number; height: number; dark: number }> {
  const image = await loadImage(png);
  const canvas = createCanvas(image.width, image.height);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, image.width, image.height);
  ctx.drawImage(image, 0, 0);
  const data = ctx.getImageData(0, 0, image.width, image.height).data;
  let dark = 0;
  for (let i = 0; i < data.length; i += 4) if ((data[i] ?? 255) < 128) dark++;
  return { width: image.width, height: image.height, dark: dark / (image.width * image.height) };
}
