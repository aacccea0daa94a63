import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { clientCodeOf } from '@nlai/errors';
import type { Logger } from './logger';

/**
 * Logs every error of a GraphQL request with the request's id: a fault
 * with its cause at error level, a client's mistake at debug (the HTTP
 * layer logs refused requests at info). A response holding only client
 * mistakes is never a 5xx: Apollo Server answers 500 to an error that
 * carries no status, such as the gateway's own report of an operation it
 * cannot run.
 */
export function useErrorLog(logger: Logger): ApolloServerPlugin<BaseContext> {
  return {
    async requestDidStart({ contextValue }) {
      const requestId = (contextValue as { requestId?: string }).requestId;
      let faults = 0;
      return {
        async didEncounterErrors({ errors }) {
          for (const error of errors) {
            const code = clientCodeOf(error);
            if (code) {
              logger.debug({ requestId, code, message: error.message, path: error.path }, 'client mistake');
            } else {
              faults += 1;
              logger.error({ err: error.originalError ?? error, requestId, path: error.path, code: error.extensions?.code }, 'internal error, masked for the client');
            }
          }
        },
        async willSendResponse({ response, errors }) {
          if (errors?.length && faults === 0 && (response.http.status ?? 200) >= 500) response.http.status = 400;
        },
      };
    },
  };
}
