import { z } from '@nlai/config';

/** The shared tracing variables (the OpenTelemetry names); spread into a service's config schema. Metrics ports are per service. */
export const telemetryEnvironment = {
  /** Where traces go over OTLP/HTTP, e.g. http://collector:4318 (spans are posted to `<endpoint>/v1/traces`). Unset: no tracing at all. */
  OTEL_EXPORTER_OTLP_ENDPOINT: z.url({ protocol: /^https?$/, message: 'expected an http:// or https:// URL' }).optional(),
  /** The share of client requests traced, from 0 to 1; a request whose caller traced it is traced here too (parent-based). */
  OTEL_TRACES_SAMPLER_ARG: z.coerce
    .number({ message: 'expected a number from 0 to 1' })
    .min(0, 'expected a number from 0 to 1')
    .max(1, 'expected a number from 0 to 1')
    .default(0.1),
};

/** How a service traces; undefined when it does not. */
export interface TracingOptions {
  /** OTLP/HTTP base URL. */
  endpoint: string;
  /** Share of root requests sampled. */
  sampleRatio: number;
}

/** The tracing options from a parsed config: undefined without an endpoint. */
export function tracingFrom(parsed: {
  OTEL_EXPORTER_OTLP_ENDPOINT?: string | undefined;
  OTEL_TRACES_SAMPLER_ARG: number;
}): TracingOptions | undefined {
  if (!parsed.OTEL_EXPORTER_OTLP_ENDPOINT) return undefined;
  return Object.freeze({ endpoint: parsed.OTEL_EXPORTER_OTLP_ENDPOINT.replace(/\/+$/, ''), sampleRatio: parsed.OTEL_TRACES_SAMPLER_ARG });
}
