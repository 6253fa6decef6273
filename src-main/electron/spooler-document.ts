import type { MonoBitmap } from '../devices/printer/mono-bitmap';
import { monoToPng } from '../devices/printer/png';
import type { SpoolerPaper } from './spooler-print-options';

/** Thermal printers print 8 dots per mm (203 dpi); the spooler print keeps that physical size. */
export const DOTS_PER_MM = 8;

export const heightMmOf = (page: MonoBitmap): number => page.height / DOTS_PER_MM;

/**
 * One cut of a kiosk print as an HTML page for `webContents.print`: the raster as a PNG at its
 * physical size, centred across the paper, crisp (no smoothing of the dots). Nothing but the
 * image: no script, no external resource.
 */
export function spoolerDocument(page: MonoBitmap, paper: SpoolerPaper): string {
  const widthMm = page.width / DOTS_PER_MM;
  const heightMm = heightMmOf(page);
  const pageCss = paper.kind === 'roll' ? `${paper.widthMm}mm ${Math.ceil(heightMm)}mm` : `${paper.size} portrait`;
  const png = Buffer.from(monoToPng(page)).toString('base64');
  return [
    '<!doctype html><html><head><meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'">`,
    `<style>@page{size:${pageCss};margin:0}html,body{margin:0;padding:0;background:#fff}`,
    `img{display:block;margin:0 auto;width:${widthMm}mm;height:${heightMm}mm;image-rendering:pixelated}</style>`,
    `</head><body><img alt="" src="data:image/png;base64,${png}"></body></html>`,
  ].join('');
}
