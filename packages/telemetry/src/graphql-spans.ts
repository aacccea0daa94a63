import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { SpanStatusCode, type Tracer } from '@opentelemetry/api';

/** Ends a span, marking it failed when the step threw (a syntax or validation error is the client's, but the step failed). */
const ender = (span: ReturnType<Tracer['startSpan']>) => async (error?: unknown) => {
  if (error) span.setStatus({ code: SpanStatusCode.ERROR });
  span.end();
};

/**
 * Spans for Apollo's parsing and validation of each operation, children of
 * the request's span (see useTracing). The gateway's planning and fetches
 * are traced by @apollo/gateway itself, under the same trace.
 */
export function useGraphQLSpans(tracer: Tracer): ApolloServerPlugin<BaseContext> {
  return {
    async requestDidStart() {
      return {
        async parsingDidStart() {
          return ender(tracer.startSpan('graphql.parse'));
        },
        async validationDidStart() {
          const end = ender(tracer.startSpan('graphql.validate'));
          return async (errors) => end(errors?.[0]);
        },
      };
    },
  };
}
