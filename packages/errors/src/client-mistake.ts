import type { GraphQLError } from 'graphql';
import { isCatalogued, type ErrorCode } from './catalogue';

/**
 * Codes other parts of the stack give a client's mistake, and what the
 * catalogue calls it: @apollo/gateway reports an operation it cannot run
 * (unknown operation name, no operation chosen) as INVALID_GRAPHQL.
 */
const foreignClientCodes: Record<string, ErrorCode> = {
  INVALID_GRAPHQL: 'GRAPHQL_VALIDATION_FAILED',
};

/**
 * Apollo Server's client errors that carry a 4xx status but no code, in
 * words that say what to fix.
 */
const apolloMessages: Record<string, string> = {
  'provided sha does not match query':
    'extensions.persistedQuery.sha256Hash is not the SHA-256 of the query sent with it; send the lower-case hex SHA-256 of exactly that query text.',
  'Unsupported persisted query version': 'Only extensions.persistedQuery.version 1 is supported.',
};

function statusOf(error: GraphQLError): number | undefined {
  const http = error.extensions?.http as { status?: unknown } | undefined;
  return typeof http?.status === 'number' ? http.status : undefined;
}

/**
 * The catalogued code of an error that is the client's mistake, or
 * undefined when it is a fault on our side. A mistake is an error with a
 * catalogued code (other than INTERNAL_SERVER_ERROR), a known foreign code
 * for a mistake, or a 4xx status that Apollo Server gave it.
 */
export function clientCodeOf(error: GraphQLError): ErrorCode | undefined {
  const code = error.extensions?.code;
  if (isCatalogued(code)) return code === 'INTERNAL_SERVER_ERROR' ? undefined : code;
  if (typeof code === 'string' && code in foreignClientCodes) return foreignClientCodes[code];
  const status = statusOf(error);
  return status !== undefined && status >= 400 && status < 500 ? 'BAD_REQUEST' : undefined;
}

/** The message a client sees for its mistake. */
export function clientMessageOf(error: GraphQLError): string {
  return apolloMessages[error.message] ?? error.message;
}
