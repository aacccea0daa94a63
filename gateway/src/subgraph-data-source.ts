import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { FetcherResponse } from '@apollo/utils.fetcher';
import { reportedFault } from '@nlai/errors';
import type { Logger } from '@nlai/http-server';
import type { GatewayContext } from './context';
import { foldRepresentations, isEntityFetch, unfoldEntities } from './representations';
import { sharingIdenticalReads } from './subgraph-fetcher';

/**
 * One subgraph as the gateway sees it. Sends each distinct entity
 * representation once (see representations.ts). Forwards the caller's Authorization
 * header (each subgraph enforces its own rules on the caller's token) and the
 * request id, and turns a failed fetch into a coded error naming the
 * subgraph, never its URL or response body: its fields are null, the rest
 * of the answer still arrives.
 */
export class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  declare readonly name: string;
  declare readonly timeoutMs: number;
  declare readonly logger: Logger;

  override async process(
    options: GraphQLDataSourceProcessOptions<GatewayContext>,
  ): ReturnType<RemoteGraphQLDataSource<GatewayContext>['process']> {
    // The warm-up only wants the query plan, which exists by the time a fetch is made.
    if (options.context.warmUp) return {};
    // Only a query's fetches may share a subgraph request: the reads that follow a mutation must see its writes.
    const isQuery = 'incomingRequestContext' in options && options.incomingRequestContext.operation?.operation === 'query';
    return isQuery ? sharingIdenticalReads(() => this.fetch(options)) : this.fetch(options);
  }

  /** Sends the fetch, each distinct entity representation once. */
  private async fetch(
    options: GraphQLDataSourceProcessOptions<GatewayContext>,
  ): ReturnType<RemoteGraphQLDataSource<GatewayContext>['process']> {
    const representations = options.request.variables?.representations;
    if (!Array.isArray(representations) || !isEntityFetch(options.request.query)) return super.process(options);
    const folded = foldRepresentations(representations);
    if (folded.unique.length === representations.length) return super.process(options);
    this.logger.debug(
      { subgraph: this.name, representations: representations.length, distinct: folded.unique.length },
      'folded duplicate representations',
    );
    const request = { ...options.request, variables: { ...options.request.variables, representations: folded.unique } };
    return unfoldEntities(await super.process({ ...options, request }), folded.positions);
  }

  override willSendRequest(options: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    const { request, context } = options;
    if (!('requestId' in context)) return; // schema loading carries no caller
    if (context.authorization) request.http?.headers.set('authorization', context.authorization);
    request.http?.headers.set('x-request-id', context.requestId);
  }

  // Not logged here: the error log writes the fault, with this cause and the request id, at error level.
  override didEncounterError(error: Error, _request: unknown, response?: FetcherResponse): never {
    const timedOut = error.name === 'TimeoutError' || error.name === 'AbortError';
    const cause = new Error(`${this.name} subgraph at ${this.url}${response ? ` answered ${response.status}` : ''}: ${error.message}`, {
      cause: error,
    });
    throw timedOut
      ? reportedFault(
          'SUBGRAPH_TIMEOUT',
          `The ${this.name} subgraph did not answer within ${this.timeoutMs} ms; its fields are null.`,
          cause,
          { serviceName: this.name },
        )
      : reportedFault('SUBGRAPH_UNAVAILABLE', `The ${this.name} subgraph is unavailable; its fields are null.`, cause, {
          serviceName: this.name,
        });
  }
}
