import type { ScanFailure } from './scan-errors';

/** What a device offers for the options the kiosk sets, read from `scanimage -d DEV -A`. */
export interface DeviceOptions {
  sources: string[];
  modes: string[];
}

/** Parses the option list `scanimage -A` prints, e.g. `    --source Flatbed|ADF [Flatbed]`. */
export function parseDeviceOptions(text: string): DeviceOptions {
  const listOf = (name: string): string[] => {
    const line = new RegExp(`^\\s+--${name} (.+?) \\[[^\\]]*\\]\\s*$`, 'm').exec(text);
    return line?.[1] ? line[1].split('|').map((v) => v.trim()).filter(Boolean) : [];
  };
  return { sources: listOf('source'), modes: listOf('mode') };
}

/** The device's own name for a feeder or the glass; backends say "ADF", "ADF Front", "Automatic Document Feeder"... */
export function pickSource(sources: readonly string[], wanted: 'flatbed' | 'adf'): string | null | undefined {
  if (sources.length === 0) return wanted === 'flatbed' ? null : undefined; // no --source: a flatbed-only device
  if (wanted === 'flatbed') return sources.find((s) => /flatbed|glass|platen/i.test(s)) ?? null;
  const feeders = sources.filter((s) => /adf|feeder|automatic/i.test(s));
  // One side is what a citizen's papers need; duplex backends name the single-sided feeder "Front" or plain "ADF".
  return feeders.find((s) => !/duplex|back/i.test(s)) ?? feeders[0];
}

/** The device's name for grey or colour; some say "Grayscale", "True Gray", "24bit Color". */
export function pickMode(modes: readonly string[], wanted: 'gray' | 'color'): string | null {
  const pattern = wanted === 'gray' ? /gr[ae]y/i : /colou?r/i;
  return modes.find((m) => pattern.test(m) && !/halftone|lineart|binary/i.test(m)) ?? null;
}

export interface ScanArgsInput {
  device: string;
  resolution: number;
  /** The device's names, or null to leave the device's default. */
  mode: string | null;
  source: string | null;
  /** scanimage batch file pattern, e.g. /tmp/kiosk-scan-x/page-%04d.pnm */
  batchPattern: string;
  /** Pages to take at most; on the glass it is always 1. */
  batchCount: number;
}

/** `scanimage` arguments for a batch that prints each finished page's file name on stdout. */
export function buildScanArgs(input: ScanArgsInput): string[] {
  const args = ['-d', input.device, '--format=pnm', '--resolution', String(input.resolution)];
  if (input.mode) args.push('--mode', input.mode);
  if (input.source) args.push('--source', input.source);
  args.push(`--batch=${input.batchPattern}`, `--batch-count=${input.batchCount}`, '--batch-print');
  return args;
}

// scanimage exits with the SANE status of the failed call (sane/sane.h).
const STATUS: Record<number, ScanFailure> = { 3: 'busy', 6: 'jammed', 7: 'feeder-empty', 8: 'cover-open' };

/** Why scanimage stopped, from its exit code and what it wrote on stderr; null when nothing is wrong. */
export function failureFromScanimage(code: number | null, stderr: string): ScanFailure | null {
  if (/out of documents|no documents/i.test(stderr)) return 'feeder-empty';
  if (/jammed/i.test(stderr)) return 'jammed';
  if (/cover is open/i.test(stderr)) return 'cover-open';
  if (/device busy/i.test(stderr)) return 'busy';
  if (/open of device .* failed|no SANE devices found/i.test(stderr)) return 'no-device';
  if (code === 0) return null;
  return (code !== null ? STATUS[code] : undefined) ?? 'device-error';
}
