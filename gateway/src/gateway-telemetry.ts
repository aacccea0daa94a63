import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { useRequestRecord, type RequestObserver } from '@nlai/http-server';
import { createMetrics, metricsEndpoint, startTracing, useGraphQLSpans, useTracing, type MetricsEndpoint } from '@nlai/telemetry';
import type { Config } from './config';
import { measuredQueryPlanCache } from './query-plan-cache';
import { subgraphFetchTelemetry } from './subgraph-fetch-telemetry';

/** What the gateway's server needs to be traced and measured. */
export interface GatewayTelemetry {
  plugins: ApolloServerPlugin<BaseContext>[];
  observers: RequestObserver[];
  /** The query-plan cache to give @apollo/gateway, counting hits and misses. */
  queryPlanCache: ReturnType<typeof measuredQueryPlanCache>;
  /** Wraps one subgraph's fetcher: counted and timed, and a span with `traceparent` when tracing. */
  observeFetches: ReturnType<typeof subgraphFetchTelemetry>;
  metrics: MetricsEndpoint;
  close(): Promise<void>;
}

/**
 * Tracing and metrics of the gateway: a span per client request
 * (continuing a caller's `traceparent`), parse and validate spans, and
 * @apollo/gateway's own spans (planning, each fetch), with a client span per
 * subgraph request that carries the trace on; /metrics with requests by
 * operation, client and outcome, subgraph fetches by subgraph and outcome,
 * the query-plan cache, and Node's own (event-loop delay among them).
 */
export function gatewayTelemetry(config: Pick<Config, 'tracing' | 'metricsPort' | 'host' | 'production'>): GatewayTelemetry {
  const tracing = startTracing('gateway', config.tracing);
  const metrics = createMetrics('gateway');
  const endpoint = metricsEndpoint(metrics.registry, { port: config.metricsPort, host: config.host, production: config.production });
  return {
    plugins: [useRequestRecord(), ...(tracing ? [useGraphQLSpans(tracing.tracer)] : [])],
    observers: [...(tracing ? [useTracing(tracing.tracer)] : []), metrics.observer],
    queryPlanCache: measuredQueryPlanCache(metrics.registry),
    observeFetches: subgraphFetchTelemetry(metrics.registry, tracing?.tracer),
    metrics: endpoint,
    async close() {
      await endpoint.close();
      await tracing?.shutdown();
    },
  };
}
