import type { DeviceHealth } from '../../../src-shared/dto';
import type { DeviceReason } from '../../../src-shared/reasons';
import type { Clock } from '../../kernel/clock';
import type { Logger } from '../../kernel/logger';
import { scannerHealth, ScannerListeners, type BarcodeScannerPort } from './barcode-scanner-port';
import { HidPosReassembler } from './hid-pos-report';

/** What the driver needs of node-hid (its async API), so tests can hand it fake devices. */
export interface HidDeviceInfo {
  vendorId: number;
  productId: number;
  path?: string | undefined;
  usagePage?: number | undefined;
  /** The names the device gives itself (the set-up wizard lists them). */
  product?: string | undefined;
  manufacturer?: string | undefined;
}
export interface HidHandle {
  on(event: 'data', listener: (data: Buffer) => void): unknown;
  on(event: 'error', listener: (error: unknown) => void): unknown;
  close(): Promise<void> | void;
}
export interface HidModule {
  devicesAsync(): Promise<HidDeviceInfo[]>;
  open(path: string): Promise<HidHandle>;
}

export interface HidPosScannerOptions {
  vendorId: number;
  productId: number;
  /** How often to look for the scanner while it is not connected. */
  reconnectMs: number;
}

const BAR_CODE_SCANNER_PAGE = 0x8c;
const hex = (n: number) => n.toString(16).padStart(4, '0');

/**
 * A HID-POS barcode scanner found by vendor and product id. Hot-plug: when the device goes away
 * (a read error, as node-hid reports an unplug) the scanner goes offline and the bus is
 * enumerated every `reconnectMs` until it returns. Scans are never logged (they hold personal data).
 */
export class HidPosScanner implements BarcodeScannerPort {
  private readonly listeners = new ScannerListeners();
  private readonly reassembler = new HidPosReassembler();
  private current: DeviceHealth;
  private handle: HidHandle | null = null;
  private timer: ReturnType<typeof setInterval> | undefined;
  private connecting = false;
  private stopped = true;
  private everConnected = false;

  constructor(
    private readonly options: HidPosScannerOptions,
    private readonly hid: HidModule,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {
    this.current = scannerHealth('offline', 'scanner_not_connected', clock.now(), `scanner ${this.id()}`);
  }

  onScan(listener: (text: string) => void): () => void {
    return this.listeners.onScan(listener);
  }

  onHealth(listener: (health: DeviceHealth) => void): () => void {
    return this.listeners.onHealth(listener);
  }

  health(): DeviceHealth {
    return this.current;
  }

  async start(): Promise<void> {
    this.stopped = false;
    this.timer ??= setInterval(() => void this.connect(), this.options.reconnectMs);
    this.timer.unref?.();
    await this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    this.timer = undefined;
    await this.drop();
  }

  /** Looks for the device and opens it, unless it is open already. Never rejects. */
  async connect(): Promise<void> {
    if (this.handle !== null || this.connecting || this.stopped) return;
    this.connecting = true;
    try {
      const found = (await this.hid.devicesAsync()).filter(
        (d) => d.vendorId === this.options.vendorId && d.productId === this.options.productId && d.path,
      );
      // A scanner may show a keyboard interface too; the POS one is on the bar code page.
      const device = found.find((d) => d.usagePage === BAR_CODE_SCANNER_PAGE) ?? found[0];
      if (device?.path === undefined) {
        this.setHealth('offline', this.everConnected ? 'scanner_disconnected' : 'scanner_not_found');
        return;
      }
      const handle = await this.hid.open(device.path);
      if (this.stopped) {
        await handle.close();
        return;
      }
      this.handle = handle;
      this.reassembler.reset();
      handle.on('data', (data) => this.onReport(data));
      handle.on('error', (error) => void this.lost(error));
      this.everConnected = true;
      this.setHealth('ok', 'scanner_connected');
      this.logger.log('info', 'barcode scanner connected', { device: this.id() });
    } catch (error) {
      this.setHealth('offline', 'scanner_cannot_open', String(error));
    } finally {
      this.connecting = false;
    }
  }

  private onReport(data: Buffer): void {
    const text = this.reassembler.push(new Uint8Array(data), this.clock.now().getTime());
    if (text !== null) this.listeners.emitScan(text);
  }

  private async lost(error: unknown): Promise<void> {
    this.logger.log('warn', 'barcode scanner lost', { device: this.id(), error: String(error) });
    this.setHealth('offline', 'scanner_disconnected', String(error));
    await this.drop();
  }

  private async drop(): Promise<void> {
    const handle = this.handle;
    this.handle = null;
    this.reassembler.reset();
    try {
      await handle?.close();
    } catch {
      // Closing a device that was pulled out fails; it is gone either way.
    }
  }

  private setHealth(state: DeviceHealth['state'], reason: DeviceReason, error?: string): void {
    if (this.current.state === state && this.current.reason === reason) return;
    this.current = scannerHealth(state, reason, this.clock.now(), error ? `scanner ${this.id()}: ${error}` : `scanner ${this.id()}`);
    this.listeners.emitHealth(this.current);
  }

  private id(): string {
    return `${hex(this.options.vendorId)}:${hex(this.options.productId)}`;
  }
}
