import { GraphQLError } from 'graphql';
import type { ErrorCode } from './catalogue';

const httpStatusByCode: Partial<Record<ErrorCode, number>> = {
  UNAUTHENTICATED: 401,
};

/**
 * A fault of the caller (auth, limits, bad arguments): a GraphQLError whose
 * `extensions.code` comes from the catalogue and which reaches the client as is.
 */
export function clientError(code: Exclude<ErrorCode, 'INTERNAL_SERVER_ERROR'>, message: string, details?: Record<string, unknown>): GraphQLError {
  const status = httpStatusByCode[code];
  return new GraphQLError(message, {
    extensions: { ...details, code, ...(status ? { http: { status } } : {}) },
  });
}
