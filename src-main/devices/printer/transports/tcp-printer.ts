import { connect as netConnect, type Socket } from 'node:net';
import type { DeviceHealth } from '../../../../src-shared/dto';
import type { Clock } from '../../../kernel/clock';
import { canPrint, conditionFromStatus, healthOf, reasonOf, type PrinterCondition } from '../printer-condition';
import { PrinterError, type PrinterPort } from '../printer-port';

export interface TcpPrinterOptions {
  host: string;
  port: number;
  paperWidthDots: 576 | 384;
  connectTimeoutMs?: number;
  /** How long a status reply or the end of a job may take. */
  ioTimeoutMs?: number;
}

const STATUS_QUERY = Uint8Array.from([0x10, 0x04, 0x02, 0x10, 0x04, 0x04]);

/**
 * A network thermal printer on raw TCP (port 9100). Each job and each status check uses its own
 * short connection, so a printer that was switched off, unplugged or reset is simply reached
 * again next time: reconnecting is the normal path, not a recovery mode.
 */
export class TcpPrinter implements PrinterPort {
  readonly paperWidthDots: 576 | 384;
  private last: { condition: PrinterCondition; detail?: string; at: Date };

  constructor(
    private readonly options: TcpPrinterOptions,
    private readonly clock: Clock,
    private readonly connect: typeof netConnect = netConnect,
  ) {
    this.paperWidthDots = options.paperWidthDots;
    this.last = { condition: 'offline', detail: 'not checked yet', at: clock.now() };
  }

  health(): DeviceHealth {
    return healthOf(this.last.condition, this.last.at, this.last.detail);
  }

  /** Asks the printer for its paper and cover state (`DLE EOT 2` and `DLE EOT 4`). */
  async refreshHealth(): Promise<DeviceHealth> {
    try {
      const reply = await this.exchange(STATUS_QUERY, 2);
      this.remember(conditionFromStatus(reply[0]!, reply[1]!));
    } catch (error) {
      this.remember('offline', (error as Error).message);
    }
    return this.health();
  }

  async send(job: Uint8Array): Promise<void> {
    await this.refreshHealth();
    if (!canPrint(this.last.condition)) throw new PrinterError(reasonOf(this.last.condition));
    try {
      // A status query after the job is answered only once the printer has read the whole job:
      // a connection reset half-way is caught here instead of being lost in socket buffers.
      const reply = await this.exchange(concat(job, STATUS_QUERY), 2);
      this.remember(conditionFromStatus(reply[0]!, reply[1]!));
    } catch (error) {
      this.remember('offline', (error as Error).message);
      throw new PrinterError(`${reasonOf('offline')}: ${(error as Error).message}`);
    }
  }

  private remember(condition: PrinterCondition, detail?: string): void {
    this.last = detail === undefined ? { condition, at: this.clock.now() } : { condition, detail, at: this.clock.now() };
  }

  /** Connects, writes, reads `replyBytes` bytes, closes. */
  private exchange(payload: Uint8Array, replyBytes: number): Promise<Buffer> {
    const { host, port, connectTimeoutMs = 3000, ioTimeoutMs = 5000 } = this.options;
    return new Promise<Buffer>((resolve, reject) => {
      const socket: Socket = this.connect({ host, port });
      const chunks: Buffer[] = [];
      let received = 0;
      let settled = false;
      const finish = (error: Error | null, value?: Buffer) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        socket.destroy();
        if (error) reject(error);
        else resolve(value ?? Buffer.alloc(0));
      };
      let timer = setTimeout(() => finish(new Error(`no connection to ${host}:${port} within ${connectTimeoutMs} ms`)), connectTimeoutMs);
      socket.once('error', (e) => finish(new Error(`connection to ${host}:${port} failed (${(e as NodeJS.ErrnoException).code ?? e.message})`)));
      socket.once('close', () => finish(new Error(`connection to ${host}:${port} closed early`)));
      socket.on('data', (data) => {
        chunks.push(data);
        received += data.length;
        if (received >= replyBytes) finish(null, Buffer.concat(chunks));
      });
      socket.once('connect', () => {
        clearTimeout(timer);
        timer = setTimeout(() => finish(new Error(`printer did not answer within ${ioTimeoutMs} ms`)), ioTimeoutMs);
        socket.write(payload, (e) => {
          if (e) finish(e);
        });
      });
    });
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}
