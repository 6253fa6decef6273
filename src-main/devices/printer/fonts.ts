import { canvasLib } from '../canvas-lib';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * Fontsource splits a font by Unicode subset. Each subset is registered as its own family and
 * the layout asks for the list, so letters such as Ư Ự Đ come from the vietnamese file.
 */
const FAMILIES = ['KioskSans-vietnamese', 'KioskSans-latin'] as const;
export const FONT_STACK = FAMILIES.map((f) => `"${f}"`).join(', ');

export function registerTicketFonts(): void {
  const { GlobalFonts } = canvasLib();
  if (GlobalFonts.families.some((f) => f.family === FAMILIES[0])) return;
  const require = createRequire(import.meta.url);
  const dir = join(dirname(require.resolve('@fontsource/noto-sans/package.json')), 'files');
  for (const subset of ['vietnamese', 'latin']) {
    for (const weight of [400, 700]) {
      GlobalFonts.registerFromPath(join(dir, `noto-sans-${subset}-${weight}-normal.woff2`), `KioskSans-${subset}`);
    }
  }
}
