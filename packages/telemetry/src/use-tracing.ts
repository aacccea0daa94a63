import type { RequestObserver, RequestRecord } from '@nlai/http-server';
import { context, propagation, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Span, type Tracer } from '@opentelemetry/api';

const spans = new WeakMap<RequestRecord, Span>();

/**
 * One server span per request to the GraphQL path, continuing the caller's
 * trace when it sent a `traceparent` (the gateway does; so may a client).
 * Everything the request does runs inside it, so parsing, planning,
 * subgraph fetches, entity resolution and SQL become its children. It
 * carries the operation name, the client's name and version, the status
 * and the error codes; never variables, tokens or anyone's data.
 */
export function useTracing(tracer: Tracer): RequestObserver {
  return {
    around(record, handle) {
      const parent = propagation.extract(ROOT_CONTEXT, record.headers);
      const span = tracer.startSpan(
        `${record.method} /graphql`,
        {
          kind: SpanKind.SERVER,
          attributes: {
            'http.request.method': record.method,
            'url.path': '/graphql',
            ...(record.clientName ? { 'graphql.client.name': record.clientName } : {}),
            ...(record.clientVersion ? { 'graphql.client.version': record.clientVersion } : {}),
            'nlai.request_id': record.requestId,
          },
        },
        parent,
      );
      spans.set(record, span);
      return context.with(trace.setSpan(parent, span), handle);
    },
    requestDidEnd(record) {
      const span = spans.get(record);
      if (!span) return;
      if (record.operationName) {
        span.setAttribute('graphql.operation.name', record.operationName);
        span.updateName(`${record.method} /graphql ${record.operationName}`);
      }
      span.setAttribute('http.response.status_code', record.status);
      if (record.codes.length > 0) span.setAttribute('graphql.error.codes', record.codes);
      if (record.fault || record.status >= 500) span.setStatus({ code: SpanStatusCode.ERROR, message: record.codes.join(', ') });
      span.end();
    },
  };
}
