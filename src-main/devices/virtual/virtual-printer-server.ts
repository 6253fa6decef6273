import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { splitStream } from '../printer/escpos-decoder';
import { statusByte } from '../printer/printer-condition';
import type { VirtualPrinter } from './virtual-printer';

export interface VirtualPrinterServerFaults {
  /** Reset the next connection after this many bytes of a job (a cable pulled mid-print). */
  dropAfterBytes?: number;
  /** Never answer status queries (a hung printer). */
  silent?: boolean;
}

/**
 * The virtual printer on a loopback TCP port, speaking like a network thermal printer: it answers
 * `DLE EOT` from its paper state and prints each cut-terminated job. Lets the real TCP transport
 * be tested over real sockets.
 */
export class VirtualPrinterServer {
  private server: Server | undefined;
  readonly faults: VirtualPrinterServerFaults = {};

  constructor(private readonly printer: VirtualPrinter) {}

  async listen(port = 0, host = '127.0.0.1'): Promise<number> {
    this.server = createServer((socket) => this.serve(socket));
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(port, host, () => resolve());
    });
    return (this.server.address() as AddressInfo).port;
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private serve(socket: Socket): void {
    let pending: Uint8Array = new Uint8Array(0);
    let jobBytesSeen = 0;
    socket.on('error', () => socket.destroy());
    socket.on('data', (data) => {
      const drop = this.faults.dropAfterBytes;
      if (drop !== undefined && jobBytesSeen + data.length > drop && data.length > 3) {
        this.faults.dropAfterBytes = undefined;
        socket.resetAndDestroy();
        return;
      }
      jobBytesSeen += data.length;
      const merged = new Uint8Array(pending.length + data.length);
      merged.set(pending);
      merged.set(data, pending.length);
      const { job, statusQueries, rest } = splitStream(merged);
      pending = rest;
      if (!this.faults.silent && statusQueries.length) {
        socket.write(Uint8Array.from(statusQueries.map((n) => statusByte(this.printer.condition(), n))));
      }
      // A printer that cannot print loses the job, as real ones do; clients check status first.
      if (job) this.printer.send(job).catch(() => undefined);
    });
  }
}
