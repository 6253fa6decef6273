import { createRequire } from 'node:module';
import type * as CanvasModule from '@napi-rs/canvas';

/**
 * @napi-rs/canvas, loaded on first use instead of at start. Loading it scans every system font
 * (a third of the browser host's start-up CPU before it could print its URL, decision 0034); a
 * print or a scan is the first to need it, well after the attract screen is up. Node's require
 * cache makes every later call a lookup.
 */
export function canvasLib(): typeof CanvasModule {
  return createRequire(import.meta.url)('@napi-rs/canvas') as typeof CanvasModule;
}
