import { join } from 'node:path';
import type { HidDevice, SetupDevices, SetupDocumentScanner, SetupPrinter, SetupProblem } from '../../../src-shared/setup';
import { assertNever } from '../../../src-shared/assert-never';
import type { Clock } from '../../kernel/clock';
import type { Logger } from '../../kernel/logger';
import type { PrinterPort } from '../../devices/printer/printer-port';
import { DeviceFilePrinter } from '../../devices/printer/transports/device-file-printer';
import { TcpPrinter } from '../../devices/printer/transports/tcp-printer';
import { VirtualPrinter } from '../../devices/virtual/virtual-printer';
import type { HidModule } from '../../devices/scanner/hid-pos-scanner';
import { createDocumentScanner } from '../../devices/docscan/create-document-scanner';
import { DocumentScannerConfigSchema } from '../../devices/docscan/docscan-config';
import { DocumentScanService } from '../../devices/docscan/document-scan-service';
import type { ProcessSpawner } from '../../devices/docscan/process-runner';
import { SaneScanner } from '../../devices/docscan/sane-scanner';
import { DocumentScanError } from '../../devices/docscan/scan-errors';
import { problem } from './candidate-config';

/** The HID-POS usage page: a barcode scanner, not a keyboard or a mouse. */
const BAR_CODE_SCANNER_PAGE = 0x8c;
/** A host name or an IPv4/IPv6 address a network printer may have. */
const HOST_PATTERN = /^(?=.{1,253}$)[A-Za-z0-9]([A-Za-z0-9.:-]*[A-Za-z0-9])?$/;

export interface SetupDeviceEnv {
  dataDir: string;
  host: 'web' | 'electron';
  clock: Clock;
  logger: Logger;
  /** Names in /dev/usb (lp0, lp1 ...), or [] where there is none. */
  usbDeviceNames: () => string[];
  /** node-hid, loaded only when asked (a native module). */
  hid: () => Promise<HidModule>;
  spawner: ProcessSpawner;
  env: NodeJS.ProcessEnv;
  tempDir: string;
}

/** One HID device per vendor:product (a scanner shows a keyboard interface too), scanners first. */
export function hidDevicesOf(infos: Awaited<ReturnType<HidModule['devicesAsync']>>): HidDevice[] {
  const byId = new Map<string, HidDevice>();
  for (const d of infos) {
    const key = `${d.vendorId}:${d.productId}`;
    const seen = byId.get(key);
    const scanner = d.usagePage === BAR_CODE_SCANNER_PAGE;
    if (seen) seen.barcodeScanner ||= scanner;
    else byId.set(key, { vendorId: d.vendorId, productId: d.productId, product: d.product ?? null, manufacturer: d.manufacturer ?? null, barcodeScanner: scanner });
  }
  return [...byId.values()].sort((a, b) => Number(b.barcodeScanner) - Number(a.barcodeScanner));
}

/** The HID devices plugged in now. */
export async function listHid(env: SetupDeviceEnv): Promise<HidDevice[]> {
  return hidDevicesOf(await (await env.hid()).devicesAsync());
}

/** What the printer, scanner and document scanner steps offer, each list on its own (one failing says why). */
export async function listSetupDevices(env: SetupDeviceEnv): Promise<SetupDevices> {
  const printerDeviceFiles = env
    .usbDeviceNames()
    .filter((name) => /^lp\d+$/.test(name))
    .sort()
    .map((name) => `/dev/usb/${name}`);
  let hid: HidDevice[] = [];
  let hidProblem: string | null = null;
  try {
    hid = await listHid(env);
  } catch (error) {
    hidProblem = error instanceof Error ? error.message : String(error);
  }
  let documentScanners: SetupDevices['documentScanners'] = [];
  let documentScannerProblem: string | null = null;
  try {
    documentScanners = await saneScanner(env, '').listDevices();
  } catch (error) {
    documentScannerProblem = error instanceof Error ? error.message : String(error);
  }
  return { printerDeviceFiles, spoolerAvailable: env.host === 'electron', hid, hidProblem, documentScanners, documentScannerProblem };
}

/**
 * The printer the candidate settings describe, built beside the running one (which keeps
 * printing for the kiosk): a problem when the settings cannot make one here.
 */
export function candidatePrinter(p: SetupPrinter, env: SetupDeviceEnv): PrinterPort | SetupProblem {
  switch (p.driver) {
    case 'virtual':
      return new VirtualPrinter(p.paperWidthDots, join(env.dataDir, 'prints'), env.clock);
    case 'tcp':
      if (!HOST_PATTERN.test(p.host.trim())) return problem('printer-host-invalid', 'printer.host', p.host.slice(0, 60));
      return new TcpPrinter({ host: p.host.trim(), port: p.port, connectTimeoutMs: 3000, ioTimeoutMs: 5000, paperWidthDots: p.paperWidthDots }, env.clock);
    case 'device-file':
      if (!p.devicePath.startsWith('/dev/')) return problem('printer-device-missing', 'printer.devicePath', p.devicePath.slice(0, 60));
      return new DeviceFilePrinter({ path: p.devicePath, paperWidthDots: p.paperWidthDots }, env.clock);
    case 'spooler':
      // The system's queue is reached through Electron's print surface, which the core does not hold.
      return problem(env.host === 'electron' ? 'printer-spooler-after-restart' : 'printer-spooler-needs-electron', 'printer.driver');
    default:
      return assertNever(p.driver);
  }
}

function saneScanner(env: SetupDeviceEnv, device: string): SaneScanner {
  return new SaneScanner(
    { scanimagePath: 'scanimage', ...(device ? { device } : {}), timeoutMs: 60_000, env: env.env, tempDir: env.tempDir },
    env.spawner,
    env.clock,
  );
}

/** One page from the candidate document scanner, as a thumbnail and its size. */
export async function testScanPage(d: SetupDocumentScanner, env: SetupDeviceEnv): Promise<{ widthPx: number; heightPx: number; dpi: number; thumbnail: string } | SetupProblem> {
  const config = DocumentScannerConfigSchema.parse(d.driver === 'sane' && d.device !== '' ? { driver: 'sane', device: d.device } : { driver: d.driver });
  const service = new DocumentScanService(createDocumentScanner(config, { spawner: env.spawner, env: env.env, tempDir: env.tempDir, clock: env.clock }), config, env.clock, env.logger);
  try {
    const doc = await service.scanDocument({ title: 'Set-up test scan', maxPages: 1 }, undefined, () => {});
    const page = doc.pages[0];
    if (!page) return problem('docscan-failed', 'documentScanner', doc.stoppedBy ?? 'no page');
    return { widthPx: page.widthPx, heightPx: page.heightPx, dpi: page.dpi, thumbnail: `data:image/png;base64,${Buffer.from(page.thumbnailPng).toString('base64')}` };
  } catch (error) {
    if (error instanceof DocumentScanError) return problem('docscan-failed', 'documentScanner', error.message);
    throw error;
  }
}
