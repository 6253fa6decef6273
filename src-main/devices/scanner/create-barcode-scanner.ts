import { join } from 'node:path';
import { assertNever } from '../../../src-shared/assert-never';
import type { Clock } from '../../kernel/clock';
import type { BarcodeScannerConfig } from './scanner-config';
import type { Logger } from '../../kernel/logger';
import type { BarcodeScannerPort } from './barcode-scanner-port';
import { HidPosScanner, type HidModule } from './hid-pos-scanner';
import { loadNodeHid } from './node-hid-module';
import { VIRTUAL_SCANNER_FILE, VirtualScanner } from './virtual-scanner';

/** The barcode scanner the config names. `hid` lets tests hand in a fake node-hid. */
export async function createBarcodeScanner(
  config: BarcodeScannerConfig,
  dataDir: string,
  clock: Clock,
  logger: Logger,
  hid?: HidModule,
): Promise<BarcodeScannerPort> {
  switch (config.driver) {
    case 'virtual':
      return new VirtualScanner(join(dataDir, VIRTUAL_SCANNER_FILE), clock);
    case 'hid':
      return new HidPosScanner(
        { vendorId: config.vendorId, productId: config.productId, reconnectMs: config.reconnectSeconds * 1000 },
        hid ?? (await loadNodeHid()),
        clock,
        logger,
      );
    default:
      return assertNever(config.driver);
  }
}
