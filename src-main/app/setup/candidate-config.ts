import { TERMINAL_ID_PATTERN, type SetupCenter, type SetupDraft, type SetupProblem, type SetupReason } from '../../../src-shared/setup';
import { ConfigError, mergeConfig, parseConfig, type KioskConfig } from '../config';

type Json = Record<string, unknown>;

export const problem = (reason: SetupReason, field: string, detail: string | null = null): SetupProblem => ({ valid: false, reason, field, detail });

/** The wizard's steps prefilled from a configuration (the embedded demo on a first start). */
export function draftFromConfig(config: KioskConfig): SetupDraft {
  const { printer, sync, devices } = config;
  return {
    center: { terminalId: config.terminal.id, centerName: { ...config.center.name } },
    portal: sync.portalUrl === null ? { mode: 'offline' } : { mode: 'portal', portalUrl: sync.portalUrl, enrollmentToken: sync.enrollmentToken },
    printer: { driver: printer.driver, host: printer.tcp.host, port: printer.tcp.port, devicePath: printer.deviceFile.path, paperWidthDots: printer.paperWidthDots },
    barcodeScanner: { driver: devices.scanner.driver, vendorId: devices.scanner.vendorId, productId: devices.scanner.productId },
    documentScanner: { driver: devices.documentScanner.driver, device: devices.documentScanner.device ?? '' },
  };
}

/** The center step alone: an id the configuration, dossier codes and the portal accept, and a name in both languages. */
export function centerProblem(center: SetupCenter): SetupProblem | null {
  if (!TERMINAL_ID_PATTERN.test(center.terminalId)) return problem('terminal-id-invalid', 'center.terminalId', `"${center.terminalId.slice(0, 40)}"`);
  if (center.centerName.vi.trim() === '') return problem('center-name-missing', 'center.centerName.vi');
  if (center.centerName.en.trim() === '') return problem('center-name-missing', 'center.centerName.en');
  return null;
}

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const child = (parent: Json, key: string): Json => {
  const value = parent[key];
  const copy: Json = isObject(value) ? { ...value } : {};
  parent[key] = copy;
  return copy;
};

/**
 * What config.json holds after the wizard: what was there before (a redo keeps every other
 * setting, a central layer's keys included) with the wizard's part set. The embedded defaults
 * stay underneath at load time and are not copied in. `timeZone` is the portal's, when it said one.
 */
export function writtenFromDraft(draft: SetupDraft, previous: Json, timeZone: string | null): Json {
  const out: Json = structuredClone(previous);
  const center = child(out, 'center');
  center.name = { vi: draft.center.centerName.vi.trim(), en: draft.center.centerName.en.trim() };
  if (timeZone !== null) center.timeZone = timeZone;
  child(out, 'terminal').id = draft.center.terminalId;

  const sync = child(out, 'sync');
  if (draft.portal.mode === 'offline') {
    sync.portalUrl = null;
    sync.enrollmentToken = '';
  } else {
    sync.portalUrl = draft.portal.portalUrl.trim();
    sync.enrollmentToken = draft.portal.enrollmentToken.trim();
  }

  const printer = child(out, 'printer');
  const p = draft.printer;
  printer.driver = p.driver;
  printer.paperWidthDots = p.paperWidthDots;
  if (p.driver === 'tcp') Object.assign(child(printer, 'tcp'), { host: p.host.trim(), port: p.port });
  if (p.driver === 'device-file') child(printer, 'deviceFile').path = p.devicePath;

  const devices = child(out, 'devices');
  const scanner = child(devices, 'scanner');
  scanner.driver = draft.barcodeScanner.driver;
  if (draft.barcodeScanner.driver === 'hid') Object.assign(scanner, { vendorId: draft.barcodeScanner.vendorId, productId: draft.barcodeScanner.productId });
  const docscan = child(devices, 'documentScanner');
  docscan.driver = draft.documentScanner.driver;
  // Empty: the first device scanimage finds, so an earlier choice must not linger underneath.
  if (draft.documentScanner.driver === 'sane' && draft.documentScanner.device !== '') docscan.device = draft.documentScanner.device;
  else delete docscan.device;
  return out;
}

/**
 * The configuration the kiosk will start with, validated as load-config will validate it; a
 * field it refuses is named (the first one), so the wizard can point at the step.
 */
export function candidateConfig(embeddedDefaults: unknown, written: Json): KioskConfig | SetupProblem {
  try {
    return parseConfig(mergeConfig(embeddedDefaults, written), 'set-up wizard');
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    const first = error.message.split('\n')[1]?.trim() ?? error.message;
    const field = first.split(':')[0] ?? '(root)';
    return problem('config-invalid', field, first);
  }
}

export const isProblem = (value: unknown): value is SetupProblem => isObject(value) && value.valid === false;
