/**
 * Reassembles scans from HID-POS input reports (USB HID usage page 0x8C, "Bar Code Scanner").
 * Layout used by HID-POS scanners (Honeywell, Zebra, Datalogic in "HID POS" mode), one 64-byte
 * input report per chunk:
 *   byte 0      report ID (0x02, scanned data report; numbered reports always carry it)
 *   byte 1      number of data bytes in this report (0–56)
 *   bytes 2–4   symbology identifier (AIM), ignored
 *   bytes 5–60  data
 *   byte 63     bit 0: more data follows in the next report
 * A long QR (a CCCD's is ~200 bytes) spans several reports. The bytes are UTF-8.
 *
 * Robust to any bytes: a short report, a length that overruns, another report ID, a
 * continuation that never ends. It never throws; at worst the text it hands over is one the
 * classifier calls `unknown`.
 */

export const SCANNED_DATA_REPORT_ID = 0x02;
const DATA_OFFSET = 5;
const MAX_DATA_PER_REPORT = 56;
const FLAGS_OFFSET = 63;
/** A scan longer than this is cut off and handed over as is; the classifier says "too long". */
export const MAX_SCAN_BYTES = 16 * 1024;

/** The reports of one scan follow each other within milliseconds; an older partial scan was cut off. */
export const STALE_PART_MS = 1000;

export class HidPosReassembler {
  private chunks: Uint8Array[] = [];
  private size = 0;
  private lastAtMs = 0;

  /** Feeds one input report received at `atMs`; returns the scan's text when this report ended a scan. */
  push(report: Uint8Array, atMs: number): string | null {
    if (report.length < DATA_OFFSET || report[0] !== SCANNED_DATA_REPORT_ID) return null;
    if (this.size > 0 && Math.abs(atMs - this.lastAtMs) > STALE_PART_MS) this.reset();
    this.lastAtMs = atMs;
    const declared = report[1] ?? 0;
    const available = Math.max(0, Math.min(report.length, FLAGS_OFFSET) - DATA_OFFSET);
    const length = Math.min(declared, MAX_DATA_PER_REPORT, available);
    if (this.size < MAX_SCAN_BYTES) {
      const take = Math.min(length, MAX_SCAN_BYTES - this.size);
      this.chunks.push(report.slice(DATA_OFFSET, DATA_OFFSET + take));
      this.size += take;
    }
    const more = report.length > FLAGS_OFFSET && ((report[FLAGS_OFFSET] ?? 0) & 0x01) === 1;
    if (more && this.size < MAX_SCAN_BYTES) return null;
    return this.flush();
  }

  /** Drops a scan cut off half-way (the device went away). */
  reset(): void {
    this.chunks = [];
    this.size = 0;
  }

  private flush(): string | null {
    const bytes = new Uint8Array(this.size);
    let at = 0;
    for (const chunk of this.chunks) {
      bytes.set(chunk, at);
      at += chunk.length;
    }
    this.reset();
    // Invalid UTF-8 becomes U+FFFD, which the classifier reports as a misread.
    return bytes.length === 0 ? null : new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  }
}

/** Splits a text into HID-POS reports as a scanner would send them (tests, the virtual scanner). */
export function hidPosReports(text: string): Uint8Array[] {
  const data = new TextEncoder().encode(text);
  const reports: Uint8Array[] = [];
  for (let at = 0; at === 0 || at < data.length; at += MAX_DATA_PER_REPORT) {
    const chunk = data.slice(at, at + MAX_DATA_PER_REPORT);
    const report = new Uint8Array(64);
    report[0] = SCANNED_DATA_REPORT_ID;
    report[1] = chunk.length;
    report.set([0x5d, 0x51, 0x31], 2); // "]Q1": QR code
    report.set(chunk, DATA_OFFSET);
    report[FLAGS_OFFSET] = at + MAX_DATA_PER_REPORT < data.length ? 1 : 0;
    reports.push(report);
  }
  return reports;
}
