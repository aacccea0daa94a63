import type { RequestObserver } from '@nlai/http-server';
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';
import { boundedLabel } from './bounded-label';

/** Latency buckets in seconds: from a cached read to a subgraph timing out. */
export const latencyBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** Options of {@link createMetrics}. */
export interface MetricsOptions {
  /** Distinct operation names kept as labels; later ones count as `other`. Default: 200. */
  maxOperations?: number;
  /** Distinct client names (and versions) kept as labels; later ones count as `other`. Default: 50. */
  maxClients?: number;
}

/** A service's metrics: its registry and the request metrics every service has. */
export interface ServiceMetrics {
  registry: Registry;
  /** Counts and times each GraphQL request (see {@link useMetrics}). */
  observer: RequestObserver;
}

/** How a request ended, for the `outcome` label: a fault is ours, a client error the caller's. */
function outcomeOf(record: { status: number; fault: boolean; codes: string[] }): 'ok' | 'client_error' | 'fault' {
  if (record.fault || record.status >= 500) return 'fault';
  if (record.status >= 400 || record.codes.length > 0) return 'client_error';
  return 'ok';
}

/**
 * The registry of one service, labelled `service`, with Node's own metrics
 * (event-loop delay, heap, GC, CPU) and `graphql_requests_total` and
 * `graphql_request_duration_seconds` by operation, client and outcome.
 */
export function createMetrics(service: string, options: MetricsOptions = {}): ServiceMetrics {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  collectDefaultMetrics({ register: registry });
  // Gauges named like counters, which `promtool check metrics` rejects; the handle and request counts are not worth a lint exception.
  for (const misnamed of ['nodejs_active_handles_total', 'nodejs_active_requests_total', 'nodejs_active_resources_total'])
    registry.removeSingleMetric(misnamed);
  const operationLabel = boundedLabel(options.maxOperations ?? 200);
  const clientLabel = boundedLabel(options.maxClients ?? 50);
  const requests = new Counter({
    name: 'graphql_requests_total',
    help: 'GraphQL requests answered, by operation name (anonymous, unknown when refused before parsing), client and outcome (ok, client_error, fault).',
    labelNames: ['operation', 'client', 'client_version', 'outcome'],
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'graphql_request_duration_seconds',
    help: 'Time from a GraphQL request arriving to its answer sent, by operation name and outcome.',
    labelNames: ['operation', 'outcome'],
    buckets: latencyBuckets,
    registers: [registry],
  });
  return {
    registry,
    observer: {
      requestDidEnd(record) {
        const operation = operationLabel(record.operationName, record.operationName === null ? 'anonymous' : 'unknown');
        const outcome = outcomeOf(record);
        requests.inc({
          operation,
          client: clientLabel(record.clientName, 'unknown'),
          client_version: clientLabel(record.clientVersion, 'unknown'),
          outcome,
        });
        duration.observe({ operation, outcome }, record.durationMs / 1000);
      },
    },
  };
}
