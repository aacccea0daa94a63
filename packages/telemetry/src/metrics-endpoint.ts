import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Registry } from 'prom-client';

/** Answers a scrape with the registry in the Prometheus text format. */
export function metricsRoute(registry: Registry) {
  return async (_request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const text = await registry.metrics();
    response.writeHead(200, { 'content-type': registry.contentType, 'cache-control': 'no-store' });
    response.end(text);
  };
}

/** A listener of its own that serves /metrics only (e.g. on METRICS_PORT, reachable by Prometheus, not by clients). */
export async function serveMetrics(registry: Registry, port: number, host: string): Promise<{ port: number; close(): Promise<void> }> {
  const route = metricsRoute(registry);
  const server = createServer((request, response) => {
    if (new URL(request.url ?? '/', 'http://localhost').pathname === '/metrics' && (request.method === 'GET' || request.method === 'HEAD'))
      return void route(request, response).catch(() => {
        response.statusCode = 500;
        response.end();
      });
    response.writeHead(404, { 'content-type': 'text/plain' });
    response.end('Metrics are served at /metrics.\n');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Where a service serves /metrics: a port of its own, or its own port outside production. */
export interface MetricsEndpoint {
  /** Routes for the service's own server: /metrics when it has no port of its own, outside production. */
  routes: Record<string, (request: IncomingMessage, response: ServerResponse) => Promise<void>>;
  /** Starts the listener of its own, if any; its port. */
  listen(): Promise<number | undefined>;
  close(): Promise<void>;
}

/**
 * Metrics are for the operators, not the public: with `port`, /metrics is
 * served there only (a port a firewall or the cluster keeps inside); without
 * one it is served on the service's own port outside production, and not at
 * all in production.
 */
export function metricsEndpoint(
  registry: Registry,
  options: { port: number | undefined; host: string; production: boolean },
): MetricsEndpoint {
  let listener: Awaited<ReturnType<typeof serveMetrics>> | undefined;
  return {
    routes: options.port === undefined && !options.production ? { '/metrics': metricsRoute(registry) } : {},
    async listen() {
      if (options.port === undefined) return undefined;
      listener = await serveMetrics(registry, options.port, options.host);
      return listener.port;
    },
    async close() {
      await listener?.close();
    },
  };
}
