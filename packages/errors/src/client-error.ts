import { GraphQLError } from 'graphql';
import type { ErrorCode } from './catalogue';

/**
 * A fault of the caller (auth, limits, bad arguments): a GraphQLError whose
 * `extensions.code` comes from the catalogue and which reaches the client as
 * is. `httpStatus` is for errors that refuse the whole request (a bad token):
 * Apollo then answers with that status. A field's error must not set one,
 * or a partial answer would be sent as a failure.
 */
export function clientError(
  code: Exclude<ErrorCode, 'INTERNAL_SERVER_ERROR'>,
  message: string,
  details?: Record<string, unknown>,
  httpStatus?: number,
): GraphQLError {
  return new GraphQLError(message, {
    extensions: { ...details, code, ...(httpStatus ? { http: { status: httpStatus } } : {}) },
  });
}
