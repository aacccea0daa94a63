import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { poolUsage, replicaRoutingOf, traceQueries, type PoolUsage } from '@nlai/database';
import { useRequestRecord, type RequestObserver } from '@nlai/http-server';
import {
  createMetrics,
  metricsEndpoint,
  startTracing,
  traceEntityResolution,
  useGraphQLSpans,
  useTracing,
  type MetricsEndpoint,
  type TracingOptions,
} from '@nlai/telemetry';
import type { GraphQLSchema } from 'graphql';
import { Counter, Gauge } from 'prom-client';
import type { DataSource } from 'typeorm';

/** Options of {@link subgraphTelemetry}. */
export interface SubgraphTelemetryOptions {
  name: string;
  schema: GraphQLSchema;
  dataSource: DataSource;
  /** Traces exported over OTLP/HTTP; undefined: no tracing, nothing installed. */
  tracing: TracingOptions | undefined;
  /** A port of its own for /metrics; undefined: /metrics on the service's port, outside production only. */
  metricsPort: number | undefined;
  host: string;
  production: boolean;
}

/** What a subgraph's server needs to be traced and measured. */
export interface SubgraphTelemetry {
  plugins: ApolloServerPlugin<BaseContext>[];
  observers: RequestObserver[];
  /** Where /metrics is served (see metricsEndpoint). */
  metrics: MetricsEndpoint;
  /** Stops the metrics listener and sends the spans still buffered. */
  close(): Promise<void>;
}

/**
 * Tracing and metrics, wired the same way for every subgraph: a span per
 * request (continuing the gateway's trace), parse and validate spans, one
 * for `_entities` and one per SQL statement; and /metrics with requests by
 * operation, client and outcome, latency, the database pool and Node's own
 * (event-loop delay among them).
 */
export function subgraphTelemetry(options: SubgraphTelemetryOptions): SubgraphTelemetry {
  const tracing = startTracing(options.name, options.tracing);
  if (tracing) {
    traceEntityResolution(options.schema, tracing.tracer);
    traceQueries(options.dataSource, tracing.tracer);
  }
  const metrics = createMetrics(options.name);
  const gauges: Array<[name: string, help: string, read: (usage: PoolUsage) => number]> = [
    ['db_pool_connections', 'Database connections the pool may hold (SQLite: its one connection).', (usage) => usage.size],
    ['db_pool_connections_in_use', 'Database connections lent out to a statement or transaction right now.', (usage) => usage.inUse],
    ['db_pool_waiting', 'Callers queued for a database connection because none was free.', (usage) => usage.waiting],
  ];
  for (const [name, help, read] of gauges)
    new Gauge({
      name,
      help,
      registers: [metrics.registry],
      collect() {
        this.set(read(poolUsage(options.dataSource)));
      },
    });
  const replicas = replicaRoutingOf(options.dataSource);
  if (replicas) {
    const registers = [metrics.registry];
    new Gauge({
      name: 'db_replica_healthy',
      help: 'Whether a read replica is used (1) or skipped, down or too far behind (0), at its last check.',
      labelNames: ['replica'],
      registers,
      collect() {
        for (const state of replicas.status()) this.set({ replica: state.address }, state.healthy ? 1 : 0);
      },
    });
    new Gauge({
      name: 'db_replica_lag_ms',
      help: 'How far a read replica is behind the primary, by GTID, at its last check (to within one check).',
      labelNames: ['replica'],
      registers,
      collect() {
        for (const state of replicas.status()) if (Number.isFinite(state.lagMs)) this.set({ replica: state.address }, state.lagMs);
      },
    });
    // Counted by the routing; the counter catches up on each scrape.
    const counted = { replica: 0, primary: 0, retriedOnPrimary: 0 };
    new Counter({
      name: 'db_reads_total',
      help: 'Reads outside transactions, by where they went: replica, primary, or retried_on_primary after a replica failed.',
      labelNames: ['server'],
      registers,
      collect() {
        for (const [key, server] of [
          ['replica', 'replica'],
          ['primary', 'primary'],
          ['retriedOnPrimary', 'retried_on_primary'],
        ] as const) {
          this.inc({ server }, replicas.served[key] - counted[key]);
          counted[key] = replicas.served[key];
        }
      },
    });
  }
  const endpoint = metricsEndpoint(metrics.registry, { port: options.metricsPort, host: options.host, production: options.production });
  return {
    plugins: [useRequestRecord(), ...(tracing ? [useGraphQLSpans(tracing.tracer)] : [])],
    observers: [...(tracing ? [useTracing(tracing.tracer)] : []), metrics.observer],
    metrics: endpoint,
    async close() {
      await endpoint.close();
      await tracing?.shutdown();
    },
  };
}
