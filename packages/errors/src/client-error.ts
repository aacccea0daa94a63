import { GraphQLError } from 'graphql';
import type { MistakeCode, ReportedFaultCode } from './catalogue';

/**
 * A mistake of the caller (auth, limits, bad arguments): a GraphQLError whose
 * `extensions.code` comes from the catalogue and which reaches the client as
 * is. `httpStatus` is for errors that refuse the whole request (a bad token):
 * Apollo then answers with that status. A field's error must not set one,
 * or a partial answer would be sent as a failure.
 */
export function clientError(code: MistakeCode, message: string, details?: Record<string, unknown>, httpStatus?: number): GraphQLError {
  return new GraphQLError(message, {
    extensions: { ...details, code, ...(httpStatus ? { http: { status: httpStatus } } : {}) },
  });
}

/**
 * A fault the client is told about by its code (an upstream is down), with
 * the cause kept as `originalError`: the error log writes it, with the
 * request id, at error level; the client sees only the message and code.
 */
export function reportedFault(code: ReportedFaultCode, message: string, cause: unknown, details?: Record<string, unknown>): GraphQLError {
  return new GraphQLError(message, {
    extensions: { ...details, code },
    ...(cause instanceof Error ? { originalError: cause } : { originalError: new Error(String(cause)) }),
  });
}
