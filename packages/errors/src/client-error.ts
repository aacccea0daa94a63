import { GraphQLError } from 'graphql';
import { httpStatusOf, type MistakeCode, type ReportedFaultCode } from './catalogue';

/**
 * A mistake of the caller in one field (a missing scope, a bad argument): a
 * GraphQLError whose `extensions.code` comes from the catalogue and which
 * reaches the client as is. It sets no HTTP status: Apollo would apply it
 * to the whole response, and a partial answer would be sent as a failure.
 */
export function clientError(code: MistakeCode, message: string, details?: Record<string, unknown>): GraphQLError {
  return new GraphQLError(message, { extensions: { ...details, code } });
}

/**
 * A mistake that refuses the whole request before anything runs (a bad
 * token, an operation over the limits): Apollo answers with the code's
 * status from the catalogue.
 */
export function requestError(code: MistakeCode, message: string, details?: Record<string, unknown>): GraphQLError {
  return new GraphQLError(message, { extensions: { ...details, code, http: { status: httpStatusOf(code) } } });
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
