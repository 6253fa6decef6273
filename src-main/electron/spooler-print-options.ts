import type { WebContentsPrintOptions } from 'electron';
import { assertNever } from '../../src-shared/assert-never';

/** What the system printer holds: a roll (receipt printers through CUPS) or sheets. */
export type SpoolerPaper = { kind: 'roll'; widthMm: 58 | 80 } | { kind: 'sheet'; size: 'A4' | 'A5' };

export interface SpoolerJobInput {
  paper: SpoolerPaper;
  /** The job's length on a roll, from its raster height; sheets ignore it. */
  contentHeightMm: number;
  /** The system name of the printer (CUPS queue), e.g. `EPSON_TM_T82III`; empty: the system default. */
  deviceName: string;
  copies?: number;
}

// Chromium refuses a custom page under 353 µm a side; a roll job is at least this long so a
// near-empty receipt still feeds past the cutter.
const MIN_ROLL_LENGTH_MM = 40;
const MAX_ROLL_LENGTH_MM = 3000;

/**
 * The options for `webContents.print` of one kiosk print: silent (a kiosk has no one to click
 * a dialog), no margins (the raster already has the paper's own), the page sized to the paper,
 * black and white at scale 100 so a dot of the raster stays a dot.
 */
export function buildSpoolerPrintOptions(input: SpoolerJobInput): WebContentsPrintOptions {
  const options: WebContentsPrintOptions = {
    silent: true,
    printBackground: true,
    color: false,
    landscape: false,
    scaleFactor: 100,
    pagesPerSheet: 1,
    copies: Number.isFinite(input.copies) ? Math.max(1, Math.min(9, Math.round(input.copies ?? 1))) : 1,
    margins: { marginType: 'none' },
    pageSize: pageSizeOf(input.paper, input.contentHeightMm),
  };
  // An empty name would make Chromium look for a printer called "": leave it out for the default.
  if (input.deviceName.trim()) options.deviceName = input.deviceName.trim();
  return options;
}

function pageSizeOf(paper: SpoolerPaper, contentHeightMm: number): WebContentsPrintOptions['pageSize'] {
  switch (paper.kind) {
    case 'sheet':
      return paper.size;
    case 'roll': {
      const length = Number.isFinite(contentHeightMm) ? contentHeightMm : MIN_ROLL_LENGTH_MM;
      const mm = Math.min(MAX_ROLL_LENGTH_MM, Math.max(MIN_ROLL_LENGTH_MM, Math.ceil(length)));
      return { width: paper.widthMm * 1000, height: mm * 1000 }; // microns
    }
    default:
      return assertNever(paper);
  }
}
