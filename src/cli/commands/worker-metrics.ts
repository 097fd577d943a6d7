/**
 * `shipgate worker --metrics-port N`: the worker's Prometheus metrics (job latency,
 * attempts, queue depth and stalled jobs, process metrics) on GET /metrics. The
 * worker has no API and no keys, so the endpoint binds loopback only; scrape it
 * from the same host or a sidecar.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { collectDefaultMetrics, Registry } from 'prom-client';

export interface WorkerMetricsServer {
  registry: Registry;
  url: string;
  close(): Promise<void>;
}

export async function startWorkerMetrics(port: number): Promise<WorkerMetricsServer> {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const server: Server = createServer((req, res) => {
    if (req.method !== 'GET' || (req.url ?? '').split('?')[0] !== '/metrics') {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('only GET /metrics here\n');
      return;
    }
    registry.metrics().then(
      (text) => res.writeHead(200, { 'content-type': registry.contentType }).end(text),
      () => res.writeHead(500, { 'content-type': 'text/plain' }).end('metrics failed\n'),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const { port: bound } = server.address() as AddressInfo;
  return {
    registry,
    url: `http://127.0.0.1:${bound}/metrics`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
