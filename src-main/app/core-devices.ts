import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assertNever } from '../../src-shared/assert-never';
import { DeviceHealthMonitor } from '../devices/device-health-monitor';
import { createDocumentScanner } from '../devices/docscan/create-document-scanner';
import { DocumentScanService } from '../devices/docscan/document-scan-service';
import type { DocumentScannerPort } from '../devices/docscan/document-scanner-port';
import { nodeSpawner } from '../devices/docscan/process-runner';
import type { PrinterPort } from '../devices/printer/printer-port';
import { DeviceFilePrinter } from '../devices/printer/transports/device-file-printer';
import { TcpPrinter } from '../devices/printer/transports/tcp-printer';
import type { BarcodeScannerPort } from '../devices/scanner/barcode-scanner-port';
import { createBarcodeScanner } from '../devices/scanner/create-barcode-scanner';
import type { HidModule } from '../devices/scanner/hid-pos-scanner';
import { createSpeech } from '../devices/speech/create-speech';
import type { SpeechPort } from '../devices/speech/speech-port';
import { SpeechService } from '../devices/speech/speech-service';
import { VirtualPrinter } from '../devices/virtual/virtual-printer';
import type { Clock } from '../kernel/clock';
import type { EventBus } from '../kernel/event-bus';
import type { Logger } from '../kernel/logger';
import { ConfigError, type KioskConfig } from './config';

/** Devices a host or a test brings itself; the others are the drivers the configuration names. */
export interface GivenDevices {
  /** Defaults to the driver the config names (the Electron host passes its spooler printer). */
  printer?: PrinterPort;
  /** Defaults to the scanner the config names (devices.scanner). */
  barcodeScanner?: BarcodeScannerPort;
  /** node-hid stand-in for the `hid` scanner driver (tests). */
  hid?: HidModule;
  /** Defaults to the document scanner the config names (devices.documentScanner). */
  documentScanner?: DocumentScannerPort;
  /** Defaults to the speech device the config names (devices.speech). */
  speech?: SpeechPort;
}

export interface CoreDevices {
  printer: PrinterPort;
  barcodeScanner: BarcodeScannerPort;
  documentScanner: DocumentScannerPort;
  documentScans: DocumentScanService;
  speech: SpeechService;
  /** Polls the three devices and reports each change of health on the bus. */
  monitor: DeviceHealthMonitor;
}

/** The kiosk's devices: one port each, a real or virtual driver as configured (or given). */
export async function createCoreDevices(
  given: GivenDevices,
  config: KioskConfig,
  deps: { dataDir: string; clock: Clock; logger: Logger; events: EventBus },
): Promise<CoreDevices> {
  const { dataDir, clock, logger, events } = deps;
  const printer = given.printer ?? createPrinter(config, dataDir, clock);
  const barcodeScanner = given.barcodeScanner ?? (await createBarcodeScanner(config.devices.scanner, dataDir, clock, logger, given.hid));
  const documentScanner =
    given.documentScanner ?? createDocumentScanner(config.devices.documentScanner, { spawner: nodeSpawner, env: process.env, tempDir: tmpdir(), clock });
  const speech = new SpeechService(
    given.speech ??
      createSpeech(config.devices.speech, {
        spawner: nodeSpawner,
        env: process.env,
        clock,
        virtualRecordFile: join(dataDir, 'speech', 'virtual-said.jsonl'),
      }),
    logger,
  );
  const documentScans = new DocumentScanService(documentScanner, config.devices.documentScanner, clock, logger);
  const monitor = new DeviceHealthMonitor([printer, barcodeScanner, documentScanner], events, config.devices.healthPollSeconds * 1000, logger);
  return { printer, barcodeScanner, documentScanner, documentScans, speech, monitor };
}

function createPrinter(config: KioskConfig, dataDir: string, clock: Clock): PrinterPort {
  const { driver, paperWidthDots, tcp, deviceFile, virtualKeepImages } = config.printer;
  switch (driver) {
    case 'virtual':
      return new VirtualPrinter(paperWidthDots, join(dataDir, 'prints'), clock, undefined, virtualKeepImages);
    case 'tcp':
      return new TcpPrinter({ ...tcp, paperWidthDots }, clock);
    case 'device-file':
      return new DeviceFilePrinter({ path: deviceFile.path, paperWidthDots }, clock);
    case 'spooler':
      // The spooler is reached through Electron's webContents.print; the Electron host passes it in.
      throw new ConfigError('printer.driver: "spooler" needs the Electron host; use "tcp" or "device-file" with --web.');
    default:
      return assertNever(driver);
  }
}
