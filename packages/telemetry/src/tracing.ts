import { context, propagation, trace, type Tracer } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { Resource } from '@opentelemetry/resources';
import { BasicTracerProvider, BatchSpanProcessor, ParentBasedSampler, TraceIdRatioBasedSampler } from '@opentelemetry/sdk-trace-base';
import type { TracingOptions } from './telemetry-environment';

/** A service's tracing, once started. */
export interface Tracing {
  tracer: Tracer;
  /** Sends the spans still buffered and stops. */
  shutdown(): Promise<void>;
}

/**
 * Starts tracing for this process: spans batched and posted over OTLP/HTTP
 * (JSON), W3C `traceparent` read from and written to requests, a
 * parent-based ratio sampler (a request is traced when its caller traced it,
 * else with the configured probability). Registered globally, so libraries
 * that trace themselves (@apollo/gateway: planning, fetches) join the same
 * traces. Without options nothing is installed and undefined is returned:
 * every traced path then checks for a tracer once and costs nothing.
 */
export function startTracing(service: string, options: TracingOptions | undefined): Tracing | undefined {
  if (!options) return undefined;
  const provider = new BasicTracerProvider({
    resource: new Resource({ 'service.name': service }),
    sampler: new ParentBasedSampler({ root: new TraceIdRatioBasedSampler(options.sampleRatio) }),
    spanProcessors: [
      new BatchSpanProcessor(new OTLPTraceExporter({ url: `${options.endpoint}/v1/traces` }), { scheduledDelayMillis: 1000 }),
    ],
  });
  provider.register({ contextManager: new AsyncLocalStorageContextManager(), propagator: new W3CTraceContextPropagator() });
  return {
    tracer: trace.getTracer(`@nlai/${service}`),
    async shutdown() {
      await provider.shutdown();
      trace.disable();
      context.disable();
      propagation.disable();
    },
  };
}

/** Writes the current trace context (`traceparent`) into outgoing request headers; nothing when no trace is active. */
export function injectTraceHeaders(headers: Record<string, string>): Record<string, string> {
  propagation.inject(context.active(), headers);
  return headers;
}
