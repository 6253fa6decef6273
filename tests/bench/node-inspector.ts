import { createServer } from 'node:net';
import WebSocket from 'ws';

/** A loopback port free right now, for a child's `--inspect=127.0.0.1:<port>`. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

interface InspectorMessage {
  id?: number;
  result?: unknown;
  error?: { message: string };
}

/**
 * The kiosk process's own V8 inspector (it runs with `--inspect`), so the soak bench can force a
 * GC in the core before reading its RSS and its heap, as it does in the renderer through CDP.
 */
export class NodeInspector {
  private nextId = 1;
  private readonly waiting = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();

  private constructor(private readonly socket: WebSocket) {
    socket.on('message', (data: Buffer) => {
      const reply = JSON.parse(data.toString()) as InspectorMessage;
      const call = reply.id === undefined ? undefined : this.waiting.get(reply.id);
      if (!call || reply.id === undefined) return;
      this.waiting.delete(reply.id);
      if (reply.error) call.reject(new Error(reply.error.message));
      else call.resolve(reply.result);
    });
  }

  static async connect(port: number): Promise<NodeInspector> {
    const targets = (await (await fetch(`http://127.0.0.1:${port}/json/list`)).json()) as { webSocketDebuggerUrl: string }[];
    const url = targets[0]?.webSocketDebuggerUrl;
    if (!url) throw new Error(`no inspector target on port ${port}`);
    const socket = new WebSocket(url);
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    return new NodeInspector(socket);
  }

  send(method: string, params: object = {}): Promise<unknown> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.socket.send(JSON.stringify({ id, method, params }));
    });
  }

  /** The core's V8 heap in use after a full GC, in bytes. */
  async heapUsedAfterGc(): Promise<number> {
    await this.send('HeapProfiler.collectGarbage');
    const usage = (await this.send('Runtime.getHeapUsage')) as { usedSize: number };
    return usage.usedSize;
  }

  /**
   * Machine code, bytecode and their metadata in the core's heap (v8.getHeapCodeStatistics, run in
   * the core through the inspector's console API). Cheaper than a heap snapshot, whose tens of MB
   * of JSON would raise the core's RSS for the samples after it.
   */
  async heapCodeBytes(): Promise<number> {
    const expression = "JSON.stringify(require('node:v8').getHeapCodeStatistics())";
    const reply = (await this.send('Runtime.evaluate', { expression, includeCommandLineAPI: true, returnByValue: true })) as { result: { value: string } };
    const stats = JSON.parse(reply.result.value) as { code_and_metadata_size: number; bytecode_and_metadata_size: number };
    return stats.code_and_metadata_size + stats.bytecode_and_metadata_size;
  }

  close(): void {
    this.socket.close();
  }
}
