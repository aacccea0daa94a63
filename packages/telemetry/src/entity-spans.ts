import { SpanStatusCode, type Tracer } from '@opentelemetry/api';
import type { GraphQLFieldResolver, GraphQLSchema } from 'graphql';

/**
 * Wraps a subgraph's `_entities` resolver in a span that lasts until every
 * entity it was asked for is resolved, so the SQL of `__resolveReference`
 * (its batch loaders) sits under it. Only the typenames and the count are
 * recorded, never the representations (they hold keys).
 */
export function traceEntityResolution(schema: GraphQLSchema, tracer: Tracer): void {
  const field = schema.getQueryType()?.getFields()._entities;
  if (!field?.resolve) return;
  const resolve: GraphQLFieldResolver<unknown, unknown> = field.resolve;
  field.resolve = (source, args: { representations?: Array<{ __typename?: unknown }> }, contextValue, info) => {
    const representations = args.representations ?? [];
    const typenames = [...new Set(representations.map((representation) => String(representation.__typename)))];
    return tracer.startActiveSpan(
      '_entities',
      { attributes: { 'graphql.entities.count': representations.length, 'graphql.entities.types': typenames } },
      (span) => {
        let result: unknown;
        try {
          result = resolve(source, args, contextValue, info);
        } catch (error) {
          span.setStatus({ code: SpanStatusCode.ERROR });
          span.end();
          throw error;
        }
        const entities = Array.isArray(result) ? (result as unknown[]) : [result];
        void Promise.allSettled(entities).then((settled) => {
          if (settled.some((outcome) => outcome.status === 'rejected')) span.setStatus({ code: SpanStatusCode.ERROR });
          span.end();
        });
        return result;
      },
    );
  };
}
