import { createConnection, createServer, type Server, type Socket } from 'node:net';

/** A TCP relay to the portal that the test can cut: a real network partition for one kiosk. */
export async function partitionableLink(target: URL) {
  let cut = false;
  const sockets = new Set<Socket>();
  const server: Server = createServer((inbound) => {
    if (cut) return inbound.destroy();
    const outbound = createConnection(Number(target.port), target.hostname);
    for (const s of [inbound, outbound]) {
      sockets.add(s);
      s.on('error', () => undefined);
      s.on('close', () => sockets.delete(s));
    }
    inbound.pipe(outbound).pipe(inbound);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    setCut(value: boolean) {
      cut = value;
      if (value) for (const s of sockets) s.destroy();
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
