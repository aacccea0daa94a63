import type { GraphQLError } from 'graphql';
import { isCatalogued, kindOf, type ErrorCode, type MistakeCode } from './catalogue';

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
 * The catalogued code a client may see for an error, or undefined when the
 * error is to be masked as INTERNAL_SERVER_ERROR: an error with a catalogued
 * code (a mistake, or a fault the client is told about such as
 * SUBGRAPH_UNAVAILABLE), or one with a 4xx status that Apollo Server gave
 * it (BAD_REQUEST).
 */
export function publicCodeOf(error: GraphQLError): ErrorCode | undefined {
  const code = error.extensions?.code;
  if (isCatalogued(code)) return code === 'INTERNAL_SERVER_ERROR' ? undefined : code;
  const status = statusOf(error);
  return status !== undefined && status >= 400 && status < 500 ? 'BAD_REQUEST' : undefined;
}

/** The catalogued code of an error that is the client's mistake (see the catalogue's `kind`), or undefined when it is a fault. */
export function clientCodeOf(error: GraphQLError): MistakeCode | undefined {
  const code = publicCodeOf(error);
  return code !== undefined && kindOf(code) === 'mistake' ? (code as MistakeCode) : undefined;
}

/** The message a client sees for its mistake. */
export function clientMessageOf(error: GraphQLError): string {
  return apolloMessages[error.message] ?? error.message;
}
