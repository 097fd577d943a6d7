import { createServer, connect, type Server, type Socket } from 'node:net';

/**
 * A TCP proxy in front of the real Postgres that can be "stopped" like a database
 * whose host died: existing connections are cut and new ones hang (blackhole) or
 * are refused (the listener closes).
 */
export interface StoppableProxy {
  port: number;
  stop(mode: 'blackhole' | 'refuse'): Promise<void>;
  close(): Promise<void>;
}

export async function startStoppableProxy(targetPort: number): Promise<StoppableProxy> {
  const sockets = new Set<Socket>();
  let stopped = false;
  const server: Server = createServer((client) => {
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    client.on('error', () => undefined);
    if (stopped) return; // accepted, never answered
    const upstream = connect(targetPort, '127.0.0.1');
    sockets.add(upstream);
    upstream.on('close', () => sockets.delete(upstream));
    upstream.on('error', () => client.destroy());
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const cutAll = (): void => {
    for (const s of sockets) s.destroy();
  };
  return {
    port,
    async stop(mode) {
      stopped = true;
      cutAll();
      if (mode === 'refuse') await new Promise<void>((resolve) => server.close(() => resolve()));
    },
    async close() {
      cutAll();
      await new Promise<void>((resolve) =>
        server.listening ? server.close(() => resolve()) : resolve(),
      );
    },
  };
}
