import type { ApolloServerPlugin } from '@apollo/server';
import { requestError } from '@nlai/errors';
import { Kind, type DocumentNode, type OperationDefinitionNode } from 'graphql';

/** What to tell a client whose request does not pick exactly one operation of its document. */
function unresolved(document: DocumentNode, operationName: string | undefined): string {
  const operations = document.definitions.filter(
    (definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION,
  );
  const names = operations.map((operation) => operation.name?.value).filter((name): name is string => name !== undefined);
  const listed =
    names.length > 0
      ? `its operations are ${names.map((name) => `"${name}"`).join(', ')}`
      : 'its operation has no name; send no operationName';
  if (operations.length === 0) return 'The document holds no operation; send a query or a mutation.';
  if (operationName) return `The document has no operation named "${operationName}"; ${listed}.`;
  return `The document holds ${operations.length} operations; set operationName to the one to run (${listed}).`;
}

/**
 * Refuses, as the client's mistake (400), a request that does not pick
 * exactly one operation the graph can run: an unknown operationName, several
 * operations and none named, or an operation type the graph does not have
 * (subscriptions). Left to @apollo/gateway, these fail inside its executor
 * and come out as a 500.
 */
export function useOperationResolution(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, document, request, schema }) {
          if (!operation) throw requestError('OPERATION_RESOLUTION_FAILURE', unresolved(document, request.operationName ?? undefined));
          const root = { query: schema.getQueryType(), mutation: schema.getMutationType(), subscription: schema.getSubscriptionType() }[
            operation.operation
          ];
          if (!root) {
            throw requestError(
              'GRAPHQL_VALIDATION_FAILED',
              `This graph has no ${operation.operation}s; send a query${schema.getMutationType() ? ' or a mutation' : ''}.`,
            );
          }
        },
      };
    },
  };
}
