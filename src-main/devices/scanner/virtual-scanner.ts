import { randomBytes } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import type { DeviceHealth } from '../../../src-shared/dto';
import type { DeviceReason } from '../../../src-shared/reasons';
import type { Clock } from '../../kernel/clock';
import { scannerHealth, ScannerListeners, type BarcodeScannerPort } from './barcode-scanner-port';

/** Name of the file, in the data folder, that tells `npm run scan` where to send scans. */
export const VIRTUAL_SCANNER_FILE = 'virtual-scanner.json';
/** A line longer than this is not a scan; the connection is closed (a 10 kB QR still fits). */
const MAX_LINE_BYTES = 64 * 1024;

/**
 * A scanner for demos and tests that takes scans from a local command (`npm run scan -- TEXT`).
 * It listens on a loopback TCP port (works on every OS, unlike unix sockets) and writes
 * `{port, token}` to `<data dir>/virtual-scanner.json` (mode 0600); a client sends one JSON
 * line `{"token", "text"}` and gets `{"ok": true}` or `{"ok": false, "error"}` back. The token
 * keeps other users' processes on the machine from typing into the kiosk.
 */
export class VirtualScanner implements BarcodeScannerPort {
  private readonly listeners = new ScannerListeners();
  private readonly token = randomBytes(18).toString('base64url');
  private server: Server | null = null;
  private current: DeviceHealth;

  constructor(
    private readonly portFile: string,
    private readonly clock: Clock,
  ) {
    this.current = scannerHealth('offline', 'scanner_not_started', clock.now(), 'virtual scanner');
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

  /** Scans `text` as if read by a scanner (tests and tools in the same process). */
  scan(text: string): void {
    this.listeners.emitScan(text);
  }

  async start(): Promise<void> {
    if (this.server) return;
    const server = createServer((socket) => this.serve(socket));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    this.server = server;
    const address = server.address();
    const port = typeof address === 'object' && address !== null ? address.port : 0;
    writeFileSync(this.portFile, JSON.stringify({ port, token: this.token }) + '\n', { mode: 0o600 });
    this.setHealth('ok', 'scanner_connected', `virtual scanner on 127.0.0.1:${port}`);
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    rmSync(this.portFile, { force: true });
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
    this.setHealth('offline', 'scanner_stopped', 'virtual scanner');
  }

  private serve(socket: Socket): void {
    const chunks: Buffer[] = [];
    let size = 0;
    socket.setTimeout(5000, () => socket.destroy());
    socket.on('error', () => socket.destroy());
    socket.on('data', (data: Buffer) => {
      size += data.length;
      if (size > MAX_LINE_BYTES) return void socket.end(reply(false, 'scan too long for the virtual scanner'));
      const newline = data.indexOf(0x0a);
      if (newline < 0) return void chunks.push(data);
      chunks.push(data.subarray(0, newline));
      socket.end(this.handle(Buffer.concat(chunks).toString('utf8')));
    });
  }

  private handle(line: string): string {
    let message: unknown;
    try {
      message = JSON.parse(line);
    } catch {
      return reply(false, 'expected one JSON line {"token", "text"}');
    }
    if (typeof message !== 'object' || message === null) return reply(false, 'expected {"token", "text"}');
    const { token, text } = message as Record<string, unknown>;
    if (token !== this.token) return reply(false, 'wrong token: is this the kiosk of that data folder?');
    if (typeof text !== 'string') return reply(false, 'text must be a string');
    this.listeners.emitScan(text);
    return reply(true);
  }

  private setHealth(state: DeviceHealth['state'], reason: DeviceReason, detail: string): void {
    this.current = scannerHealth(state, reason, this.clock.now(), detail);
    this.listeners.emitHealth(this.current);
  }
}

const reply = (ok: boolean, error?: string): string => JSON.stringify(ok ? { ok } : { ok, error }) + '\n';
