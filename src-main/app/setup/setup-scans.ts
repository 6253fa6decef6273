import { assertNever } from '../../../src-shared/assert-never';
import { parseSetupQr } from '../../../src-shared/setup-qr';
import type { SetupProblem } from '../../../src-shared/setup';
import type { ResponseOf } from '../../../src-shared/contract';
import type { BarcodeScannerPort } from '../../devices/scanner/barcode-scanner-port';
import { classifyScan } from '../../scan/classify-scan';
import { maskId, nameInitials } from '../../scan/test-read';
import { problem } from './candidate-config';

type QrRead = Extract<ResponseOf<'readSetupQr'>, { valid: true }>['value'];
type ScanRead = Extract<ResponseOf<'testSetupBarcodeScanner'>, { valid: true }>['value'];

/**
 * A scanned text at the portal step: the portal's set-up QR, or which wrong thing was scanned.
 * A citizen's ID card is named as such (and none of it is kept or shown).
 */
export function setupQrOf(text: string, today: string): QrRead | SetupProblem {
  const parsed = parseSetupQr(text);
  if (parsed.ok) {
    const { portalUrl, enrollmentToken, terminalId, expiresAt } = parsed.value;
    return { portalUrl, enrollmentToken, terminalId: terminalId ?? null, expiresAt: expiresAt ?? null };
  }
  if (parsed.problem === 'invalid') return problem('qr-invalid', 'portal', parsed.detail);
  if (classifyScan(text, today).kind === 'cccd') return problem('qr-citizen-id', 'portal');
  return problem('qr-not-setup', 'portal', `${text.length} characters`);
}

/** The scanner step's test read: enough to see the scanner reads, never a citizen's data. */
export function scanShown(text: string, today: string): ScanRead {
  if (parseSetupQr(text).ok) return { kind: 'setup-code', length: text.length, shown: 'motcuaSetup' };
  const event = classifyScan(text, today);
  switch (event.kind) {
    case 'cccd':
      return { kind: 'cccd', length: text.length, shown: `${maskId(event.identity.idNumber)} ${nameInitials(event.identity.fullName)}` };
    case 'receipt':
    case 'dossier-code':
      return { kind: event.kind, length: text.length, shown: event.dossierCode };
    case 'unknown':
      // A product barcode, a test label: shown as read, cut to what fits a line.
      return { kind: 'unknown', length: text.length, shown: text.trim().slice(0, 64) };
    default:
      return assertNever(event);
  }
}

/** The next scan any of `scanners` reads within `ms`, or null. Listeners are removed either way. */
export function nextScan(scanners: readonly BarcodeScannerPort[], ms: number): Promise<string | null> {
  return new Promise((resolve) => {
    const offs: (() => void)[] = [];
    const done = (text: string | null) => {
      clearTimeout(timer);
      for (const off of offs) off();
      resolve(text);
    };
    const timer = setTimeout(() => done(null), ms);
    for (const scanner of scanners) offs.push(scanner.onScan((text) => done(text)));
  });
}
