import type { ReloadReason, RequestOf, ResponseOf } from '../../../src-shared/contract';
import type { SetupBarcodeScanner, SetupDraft, SetupPortal, SetupProblem } from '../../../src-shared/setup';
import type { Clock } from '../../kernel/clock';
import { logEvent } from '../../kernel/log-events';
import type { Logger } from '../../kernel/logger';
import type { BarcodeScannerPort } from '../../devices/scanner/barcode-scanner-port';
import type { BarcodeScannerConfig } from '../../devices/scanner/scanner-config';
import type { StaffAccessService } from '../../staff/staff-access-service';
import type { Enrollment } from '../../sync/portal-schemas';
import { trialEnrollment } from '../../sync/trial-enrollment';
import type { KioskConfig } from '../config';
import { candidateConfig, centerProblem, draftFromConfig, isProblem, problem, writtenFromDraft } from './candidate-config';
import { portalProblemOf } from './portal-problem';
import { candidatePrinter, listHid, listSetupDevices, testScanPage, type SetupDeviceEnv } from './setup-devices';
import { nextScan, scanShown, setupQrOf } from './setup-scans';
import { printTestPage } from '../../staff/test-page';
import type { PrinterPort } from '../../devices/printer/printer-port';

type Answer<M extends keyof SetupAnswers> = SetupAnswers[M];
interface SetupAnswers {
  checkSetupCenter: ResponseOf<'checkSetupCenter'>;
  checkSetupPortal: ResponseOf<'checkSetupPortal'>;
  readSetupQr: ResponseOf<'readSetupQr'>;
  testSetupPrinter: ResponseOf<'testSetupPrinter'>;
  testSetupBarcodeScanner: ResponseOf<'testSetupBarcodeScanner'>;
  testSetupDocumentScanner: ResponseOf<'testSetupDocumentScanner'>;
  finishSetup: ResponseOf<'finishSetup'>;
}
type PortalFound = NonNullable<Extract<ResponseOf<'checkSetupPortal'>, { valid: true }>['value']>;

export interface SetupServiceDeps {
  /** `first-start`: the kiosk runs on the embedded demo because there is no config.json yet. */
  mode: 'first-start' | 'redo';
  /** The configuration the running core has (the draft is prefilled from it). */
  config: KioskConfig;
  appVersion: string;
  clock: Clock;
  logger: Logger;
  devices: SetupDeviceEnv;
  /** The running core's printer: the system spooler can be tried only through it (Electron's print surface). */
  runningPrinter: PrinterPort;
  /** The running core's barcode scanner: the QR and a test read of the same scanner listen to it. */
  runningScanner: BarcodeScannerPort;
  /** A scanner beside the running one, started and stopped by the wizard (a candidate, or a HID scanner for the QR). */
  scannerFor: (config: BarcodeScannerConfig) => Promise<BarcodeScannerPort>;
  access: Pick<StaffAccessService, 'state' | 'pinProblem' | 'setPin'>;
  embeddedDefaults: () => unknown;
  /** What config.json holds now ({} when there is none). */
  readWritten: () => Record<string, unknown>;
  /** Writes config.json whole or not at all. */
  writeConfig: (text: string) => void;
  /**
   * Keeps the wizard's enrollment for the next core (credential and the terminal's index in the
   * store), so a one-time token is spent once; null: the next core enrolls itself.
   */
  keepEnrollment: ((enrollment: Enrollment) => void) | null;
  /** Starts the kiosk anew from the files on disk; null where nothing can (tests). */
  reload: ((reason: ReloadReason) => void) | null;
  /** The center's local day, for reading a scanned card's dates. */
  today: () => string;
  fetch?: typeof fetch | undefined;
  /** How long a QR read or a test read waits for a scan. */
  scanWaitMs?: number;
}

const SCAN_WAIT_MS = 20_000;
const valid = <T>(value: T) => ({ valid: true as const, value });

/**
 * The set-up wizard's side in main (issue #19, decision 0040): each step checked on its own,
 * devices tried from the candidate settings beside the running ones, and the finish that checks
 * everything again, writes config.json in one step and starts the kiosk anew from it.
 */
export class SetupService {
  /** The last portal settings the portal accepted, so the finish need not enroll once more. */
  private portalAccepted: { key: string; found: PortalFound | null; enrollment: Enrollment | null } | null = null;

  constructor(private readonly deps: SetupServiceDeps) {}

  state(): ResponseOf<'getSetupState'> {
    return { mode: this.deps.mode, draft: draftFromConfig(this.deps.config), host: this.deps.devices.host, staffPinSet: this.deps.access.state().staffPinSet };
  }

  checkCenter({ center }: RequestOf<'checkSetupCenter'>): Answer<'checkSetupCenter'> {
    return this.refusedOr(centerProblem(center), {});
  }

  async checkPortal({ portal, terminalId }: RequestOf<'checkSetupPortal'>): Promise<Answer<'checkSetupPortal'>> {
    const found = await this.tryPortal(portal, terminalId);
    return isProblem(found) ? this.refused(found) : valid(found);
  }

  /** The set-up QR from a keyboard-wedge scanner (its text, typed into the page), or the next one a HID scanner reads. */
  async readQr(wedgeText?: string): Promise<Answer<'readSetupQr'>> {
    if (wedgeText !== undefined) {
      const read = setupQrOf(wedgeText, this.deps.today());
      return isProblem(read) ? this.refused(read) : valid(read);
    }
    const extra = await this.extraQrScanners();
    try {
      const text = await nextScan([this.deps.runningScanner, ...extra], this.deps.scanWaitMs ?? SCAN_WAIT_MS);
      if (text === null) return this.refused(problem('qr-none', 'portal'));
      const read = setupQrOf(text, this.deps.today());
      return isProblem(read) ? this.refused(read) : valid(read);
    } finally {
      await Promise.all(extra.map((s) => s.stop()));
    }
  }

  listDevices(): Promise<ResponseOf<'listSetupDevices'>> {
    return listSetupDevices(this.deps.devices);
  }

  async testPrinter({ printer }: RequestOf<'testSetupPrinter'>): Promise<Answer<'testSetupPrinter'>> {
    const { config, clock } = this.deps;
    // The system spooler is Electron's print surface, which only the running printer holds.
    const spoolerRunning = printer.driver === 'spooler' && config.printer.driver === 'spooler';
    const candidate = spoolerRunning ? this.deps.runningPrinter : candidatePrinter(printer, this.deps.devices);
    if (isProblem(candidate)) return this.refused(candidate);
    try {
      await printTestPage(candidate, { centerName: config.center.name.vi, terminalId: config.terminal.id, timeZone: config.center.timeZone }, clock.now());
      return valid({});
    } catch (error) {
      return this.refused(problem('printer-failed', 'printer', error instanceof Error ? error.message : String(error)));
    }
  }

  async testBarcodeScanner({ barcodeScanner }: RequestOf<'testSetupBarcodeScanner'>): Promise<Answer<'testSetupBarcodeScanner'>> {
    const running = this.deps.config.devices.scanner;
    const same = barcodeScanner.driver === running.driver && (running.driver === 'virtual' || (barcodeScanner.vendorId === running.vendorId && barcodeScanner.productId === running.productId));
    const scanner = same ? this.deps.runningScanner : await this.deps.scannerFor(scannerConfigOf(barcodeScanner));
    try {
      if (!same) await scanner.start();
      const text = await nextScan([scanner], this.deps.scanWaitMs ?? SCAN_WAIT_MS);
      if (text === null) return this.refused(problem('scanner-no-scan', 'barcodeScanner', scanner.health().reason));
      return valid(scanShown(text, this.deps.today()));
    } catch (error) {
      return this.refused(problem('scanner-failed', 'barcodeScanner', error instanceof Error ? error.message : String(error)));
    } finally {
      if (!same) await scanner.stop();
    }
  }

  async testDocumentScanner({ documentScanner }: RequestOf<'testSetupDocumentScanner'>): Promise<Answer<'testSetupDocumentScanner'>> {
    const page = await testScanPage(documentScanner, this.deps.devices);
    return isProblem(page) ? this.refused(page) : valid(page);
  }

  /** Everything checked again; then config.json, then the staff PIN, then a new core. Any problem: nothing written. */
  async finish({ draft, staffPin }: RequestOf<'finishSetup'>): Promise<Answer<'finishSetup'>> {
    const center = centerProblem(draft.center);
    if (center) return this.refused(center);
    const found = await this.tryPortal(draft.portal, draft.center.terminalId);
    if (isProblem(found)) return this.refused(found);
    const printer = this.printerProblem(draft);
    if (printer) return this.refused(printer);
    const pin = await this.staffPinProblem(staffPin);
    if (pin) return this.refused(pin);
    const written = writtenFromDraft(draft, this.deps.readWritten(), found?.timeZone ?? null);
    const config = candidateConfig(this.deps.embeddedDefaults(), written);
    if (isProblem(config)) return this.refused(config);
    try {
      this.deps.writeConfig(`${JSON.stringify(written, null, 2)}\n`);
    } catch (error) {
      return this.refused(problem('write-failed', 'config.json', error instanceof Error ? error.message : String(error)));
    }
    if (staffPin !== null) await this.deps.access.setPin('staff', staffPin);
    this.keepAcceptedEnrollment(draft);
    logEvent(this.deps.logger, 'info', 'setup.finished', { mode: this.deps.mode, terminalId: draft.center.terminalId, portal: draft.portal.mode, printer: draft.printer.driver });
    // After this answer has left: the host closes this core (it drains the calls it has) and starts the next.
    const reload = this.deps.reload;
    if (reload) setImmediate(() => reload('setup'));
    return valid({});
  }

  private async tryPortal(portal: SetupPortal, terminalId: string): Promise<PortalFound | null | SetupProblem> {
    if (portal.mode === 'offline') return null;
    const key = JSON.stringify([portal, terminalId]);
    if (this.portalAccepted?.key === key) return this.portalAccepted.found;
    // A redo that keeps the portal and the id: the kiosk is enrolled there already, and its token may be spent.
    const { sync, terminal } = this.deps.config;
    if (this.deps.mode === 'redo' && portal.portalUrl.trim() === sync.portalUrl && portal.enrollmentToken.trim() === sync.enrollmentToken && terminalId === terminal.id) {
      this.portalAccepted = { key, found: null, enrollment: null };
      return null;
    }
    if (portal.portalUrl.trim() === '') return problem('portal-url-invalid', 'portal.portalUrl');
    if (portal.enrollmentToken.trim() === '') return problem('token-missing', 'portal.enrollmentToken');
    try {
      const e = await trialEnrollment({
        portalUrl: portal.portalUrl.trim(),
        enrollmentToken: portal.enrollmentToken.trim(),
        terminalId,
        appVersion: this.deps.appVersion,
        clock: this.deps.clock,
        fetch: this.deps.fetch,
      });
      const found = { centerId: e.centerId, agencyCode: e.agencyCode, timeZone: e.timeZone };
      this.portalAccepted = { key, found, enrollment: e };
      return found;
    } catch (error) {
      return portalProblemOf(error);
    }
  }

  private keepAcceptedEnrollment(draft: SetupDraft): void {
    const accepted = this.portalAccepted;
    if (draft.portal.mode === 'offline' || accepted?.enrollment == null || accepted.key !== JSON.stringify([draft.portal, draft.center.terminalId])) return;
    try {
      this.deps.keepEnrollment?.(accepted.enrollment);
    } catch (error) {
      // The configuration is written: the next core enrolls with the token itself.
      this.deps.logger.log('warn', 'set-up enrollment not kept; the kiosk enrolls again', { error: error instanceof Error ? error.message : String(error) });
    }
  }

  private printerProblem(draft: SetupDraft): SetupProblem | null {
    // The system printer is tried once the Electron kiosk runs with it; elsewhere it cannot be.
    if (draft.printer.driver === 'spooler') return this.deps.devices.host === 'electron' ? null : problem('printer-spooler-needs-electron', 'printer.driver');
    const candidate = candidatePrinter(draft.printer, this.deps.devices);
    return isProblem(candidate) ? candidate : null;
  }

  private async staffPinProblem(pin: string | null): Promise<SetupProblem | null> {
    if (pin === null) return this.deps.access.state().staffPinSet ? null : problem('pin-missing', 'staffPin');
    const why = await this.deps.access.pinProblem('staff', pin);
    if (why === 'invalid') return problem('pin-invalid', 'staffPin');
    if (why === 'same-as-other') return problem('pins-same', 'staffPin');
    return null;
  }

  /** A fresh terminal's core runs virtual devices: a HID scanner plugged in reads the QR all the same. */
  private async extraQrScanners(): Promise<BarcodeScannerPort[]> {
    if (this.deps.config.devices.scanner.driver !== 'virtual') return [];
    const listed = await listHid(this.deps.devices).catch(() => []);
    const scanners: BarcodeScannerPort[] = [];
    for (const d of listed.filter((h) => h.barcodeScanner)) {
      const scanner = await this.deps.scannerFor({ driver: 'hid', vendorId: d.vendorId, productId: d.productId, reconnectSeconds: 2 });
      await scanner.start();
      scanners.push(scanner);
    }
    return scanners;
  }

  private refusedOr<T>(found: SetupProblem | null, value: T) {
    return found ? this.refused(found) : valid(value);
  }

  private refused(found: SetupProblem): SetupProblem {
    logEvent(this.deps.logger, 'info', 'setup.step_refused', { reason: found.reason, field: found.field });
    return found;
  }
}

const scannerConfigOf = (s: SetupBarcodeScanner): BarcodeScannerConfig => ({ driver: s.driver, vendorId: s.vendorId, productId: s.productId, reconnectSeconds: 2 });
