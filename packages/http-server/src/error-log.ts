import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { clientCodeOf, publicCodeOf } from '@nlai/errors';
import { GraphQLError } from 'graphql';
import type { Logger } from './logger';
import { noteFault, recordOf } from './request-record';

/** The innermost cause of an error: GraphQL wraps a resolver's error (and a reported fault wraps its cause) as `originalError`. */
function causeOf(error: GraphQLError): unknown {
  let cause: unknown = error;
  while (cause instanceof GraphQLError && cause.originalError) cause = cause.originalError;
  return cause;
}

/**
 * Logs every error of a GraphQL request with the request's id: a client's
 * mistake at debug (the request's line says it at info), every fault with
 * its cause, whether it is masked for the client or reported by its code
 * (SUBGRAPH_UNAVAILABLE, UPSTREAM_UNAVAILABLE: whose is which, the error
 * catalogue says). A request served by serveGraphQL gets its faults on its
 * one request line, at error (see request-log.ts); any other (the gateway's
 * warm-up) gets a line of its own per fault.
 */
export function useErrorLog(logger: Logger): ApolloServerPlugin<BaseContext> {
  return {
    async requestDidStart({ contextValue, request }) {
      const requestId = (contextValue as { requestId?: string }).requestId;
      const record = recordOf(request.http);
      return {
        async didEncounterErrors({ errors }) {
          for (const error of errors) {
            const code = clientCodeOf(error);
            if (code) {
              logger.debug({ requestId, code, message: error.message, path: error.path }, 'client mistake');
            } else {
              const reported = publicCodeOf(error);
              if (record) {
                noteFault(record, { code: reported ?? 'INTERNAL_SERVER_ERROR', cause: causeOf(error), path: error.path });
                continue;
              }
              logger.error(
                { err: causeOf(error), requestId, path: error.path, code: reported ?? error.extensions?.code },
                reported ? `fault, reported to the client as ${reported}` : 'internal error, masked for the client',
              );
            }
          }
        },
      };
    },
  };
}
