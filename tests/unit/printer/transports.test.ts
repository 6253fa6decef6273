import { spawnSync } from 'node:child_process';
import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../../src-main/kernel/clock';
import { encodeRasterJob } from '../../../src-main/devices/printer/raster-job';
import { countBlackDots } from '../../../src-main/devices/printer/mono-bitmap';
import { renderTicket } from '../../../src-main/devices/printer/ticket-layout';
import { DeviceFilePrinter } from '../../../src-main/devices/printer/transports/device-file-printer';
import { TcpPrinter } from '../../../src-main/devices/printer/transports/tcp-printer';
import { VirtualPrinter } from '../../../src-main/devices/virtual/virtual-printer';
import { VirtualPrinterServer } from '../../../src-main/devices/virtual/virtual-printer-server';
import { useTempDirs } from '../../fakes/temp-dir';

const tempDir = useTempDirs();
const servers: VirtualPrinterServer[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
});

const ticketJob = () =>
  encodeRasterJob(
    renderTicket(
      { centerName: 'Trung tâm', header: '', serviceName: 'Đất đai', number: 'A001', priorityLabel: null, issuedAtText: '08:00 23/11/2026', waitingAheadText: 'Bạn là người tiếp theo', qrText: 'https://x.vn/?t=A001', qrCaption: '', footer: '' },
      576,
    ),
  );

async function virtualOnTcp() {
  const printer = new VirtualPrinter(576, join(tempDir(), 'prints'), systemClock);
  const server = new VirtualPrinterServer(printer);
  servers.push(server);
  const port = await server.listen();
  const tcp = new TcpPrinter({ host: '127.0.0.1', port, paperWidthDots: 576, connectTimeoutMs: 500, ioTimeoutMs: 500 }, systemClock);
  return { printer, server, tcp, port };
}

describe('TCP 9100 transport against the virtual printer on a real socket', () => {
  it('prints a job that decodes to the same ticket', async () => {
    const { printer, tcp } = await virtualOnTcp();
    const job = ticketJob();
    await tcp.send(job);
    await expect.poll(() => printer.lastPrint()?.bytes).toBe(job.length);
    const page = printer.lastPrint()!.job.pages[0]!;
    expect(countBlackDots(page)).toBeGreaterThan(1000);
    expect(tcp.health().state).toBe('ok');
  });

  it('reads paper and cover state with DLE EOT', async () => {
    const { printer, tcp } = await virtualOnTcp();
    const cases = [
      ['ok', 'ok', 'printer_ready'],
      ['paper-near-end', 'degraded', 'printer_paper_low'],
      ['paper-out', 'offline', 'printer_paper_out'],
      ['cover-open', 'offline', 'printer_cover_open'],
    ] as const;
    for (const [condition, state, reason] of cases) {
      printer.setState(condition);
      const health = await tcp.refreshHealth();
      expect(health.state, condition).toBe(state);
      expect(health.reason).toBe(reason);
    }
  });

  it('refuses to print without paper, before sending anything', async () => {
    const { printer, tcp } = await virtualOnTcp();
    printer.setState('paper-out');
    await expect(tcp.send(ticketJob())).rejects.toThrow(/Out of paper/);
    expect(printer.lastPrint()).toBeUndefined();
  });

  it('reports a connection reset mid-job, then reconnects for the retry', async () => {
    const { printer, server, tcp } = await virtualOnTcp();
    server.faults.dropAfterBytes = 10_000;
    await expect(tcp.send(ticketJob())).rejects.toThrow(/not responding/);
    expect(tcp.health().state).toBe('offline');
    expect(printer.lastPrint()).toBeUndefined();
    await tcp.send(ticketJob());
    await expect.poll(() => printer.lastPrint()?.job.cuts).toBe(1);
    expect(tcp.health().state).toBe('ok');
  });

  it('says the printer is offline when nothing listens or it never answers', async () => {
    const { port, server } = await virtualOnTcp();
    await server.close();
    const gone = new TcpPrinter({ host: '127.0.0.1', port, paperWidthDots: 576, connectTimeoutMs: 300, ioTimeoutMs: 300 }, systemClock);
    expect(await gone.refreshHealth()).toMatchObject({ reason: 'printer_not_responding', detail: expect.stringMatching(/ECONNREFUSED/) });

    const mute = createServer(() => undefined);
    await new Promise<void>((r) => mute.listen(0, '127.0.0.1', () => r()));
    const mutePort = (mute.address() as { port: number }).port;
    const hung = new TcpPrinter({ host: '127.0.0.1', port: mutePort, paperWidthDots: 576, ioTimeoutMs: 200 }, systemClock);
    const t0 = Date.now();
    expect(await hung.refreshHealth()).toMatchObject({ reason: 'printer_not_responding', detail: expect.stringMatching(/did not answer within 200 ms/) });
    expect(Date.now() - t0).toBeLessThan(2000);
    mute.close();
  });
});

describe('device-file transport', () => {
  it('writes the whole job through a FIFO standing in for /dev/usb/lp0', async () => {
    const dir = tempDir();
    const fifo = join(dir, 'lp0');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    // The test holds the FIFO open for reading and writing, so it always has a reader, as a
    // plugged-in printer always has, and never sees end-of-file between opens.
    const reader = await open(fifo, constants.O_RDWR);
    const printer = new DeviceFilePrinter({ path: fifo, paperWidthDots: 576 }, systemClock);
    const job = ticketJob();
    const received = Buffer.alloc(job.length);
    const sending = printer.send(job);
    let got = 0;
    while (got < job.length) got += (await reader.read(received, got, job.length - got)).bytesRead;
    await sending;
    await reader.close();
    expect(received.equals(Buffer.from(job))).toBe(true);
    expect(printer.health().state).toBe('ok');
  });

  it('reports an unplugged printer at once, without hanging', async () => {
    const dir = tempDir();
    const missing = new DeviceFilePrinter({ path: join(dir, 'lp9'), paperWidthDots: 576 }, systemClock);
    await expect(missing.send(ticketJob())).rejects.toThrow(/missing \(printer unplugged/);
    expect((await missing.refreshHealth()).state).toBe('offline');

    const fifo = join(dir, 'lp1');
    spawnSync('mkfifo', [fifo]);
    const noReader = new DeviceFilePrinter({ path: fifo, paperWidthDots: 576 }, systemClock);
    await expect(noReader.send(ticketJob())).rejects.toThrow(/no printer attached/);
  });
});
