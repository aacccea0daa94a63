import { context, propagation, SpanKind, SpanStatusCode, trace, type Tracer } from '@opentelemetry/api';
import { Counter, Histogram, type Registry } from 'prom-client';
import { latencyBuckets } from '@nlai/telemetry';

type FetchInit = { method?: string; headers?: Record<string, string>; body?: string };
type Fetcher<Answer> = (url: string, init?: FetchInit) => Promise<Answer>;

/** How a subgraph fetch ended, for the `outcome` label. */
type FetchOutcome = 'ok' | 'error' | 'timeout' | 'unavailable';

/** A timeout aborts the request (undici's AbortSignal.timeout); any other throw means the subgraph could not be reached. */
const failureOf = (error: unknown): FetchOutcome =>
  error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError') ? 'timeout' : 'unavailable';

/**
 * Counts and times every subgraph fetch, by subgraph and outcome (ok;
 * error: an answer with errors or a 4xx/5xx; timeout; unavailable: no
 * answer), and, when tracing, sends it inside a client span of its own
 * whose context goes out as `traceparent`, so the subgraph's spans hang
 * below it. Wraps the fetcher, so the fetcher itself knows nothing of this.
 */
export function subgraphFetchTelemetry(registry: Registry, tracer: Tracer | undefined) {
  const fetches = new Counter({
    name: 'gateway_subgraph_fetches_total',
    help: 'Requests from the gateway to a subgraph, by subgraph and outcome (ok, error, timeout, unavailable).',
    labelNames: ['subgraph', 'outcome'],
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'gateway_subgraph_fetch_duration_seconds',
    help: 'Time from sending a subgraph request to its answer read, by subgraph.',
    labelNames: ['subgraph'],
    buckets: latencyBuckets,
    registers: [registry],
  });

  return <Answer extends { status: number; text(): Promise<string> }>(subgraph: string, fetcher: Fetcher<Answer>): Fetcher<Answer> => {
    const measured = async (url: string, init?: FetchInit): Promise<Answer> => {
      const started = performance.now();
      let outcome: FetchOutcome = 'ok';
      try {
        const answer = await fetcher(url, init);
        // The answer is read already; only an error answer's `"errors":[` key can hold that text outside a string.
        if (answer.status >= 400 || (await answer.text()).includes('"errors":[')) outcome = 'error';
        return answer;
      } catch (error) {
        outcome = failureOf(error);
        throw error;
      } finally {
        fetches.inc({ subgraph, outcome });
        duration.observe({ subgraph }, (performance.now() - started) / 1000);
        // Inside the fetch span when tracing; no span otherwise.
        const span = trace.getActiveSpan();
        span?.setAttribute('nlai.subgraph.outcome', outcome);
        if (outcome !== 'ok') span?.setStatus({ code: SpanStatusCode.ERROR, message: outcome });
      }
    };
    if (!tracer) return measured;
    return (url, init) =>
      tracer.startActiveSpan(`fetch ${subgraph}`, { kind: SpanKind.CLIENT, attributes: { 'nlai.subgraph': subgraph } }, async (span) => {
        const headers = { ...init?.headers };
        propagation.inject(context.active(), headers);
        try {
          return await measured(url, { ...init, headers });
        } finally {
          span.end();
        }
      });
  };
}
