import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import {
  createAuthenticator,
  enforceScopes,
  gatewaySignatureHeader,
  MemoryNonceStore,
  verifyGatewayRequest,
  type AuthContext,
  type NonceStore,
  type TokenOptions,
} from '@nlai/auth';
import { countStatements, currentReadScope, withReadScope, type ReplicaRouting } from '@nlai/database';
import type { ApolloServerPlugin } from '@apollo/server';
import { maskErrors } from '@nlai/errors';
import { serveGraphQL, useErrorLog, type AroundRequest, type Logger, type RunningServer } from '@nlai/http-server';
import type { TracingOptions } from '@nlai/telemetry';
import { parse } from 'graphql';
import type { DataSource } from 'typeorm';
import { subgraphTelemetry } from './subgraph-telemetry';

/** What a subgraph adds to the context every request gets. */
export interface BaseContext {
  auth: AuthContext;
  requestId: string;
}

/** Options of {@link startSubgraph}. */
export interface StartSubgraphOptions<Context extends BaseContext> {
  /** The subgraph's name in the supergraph (schema/supergraph.yaml): it accepts only signatures made for it. */
  name: string;
  /** The subgraph's SDL, imports resolved (see loadSubgraphSdl). */
  typeDefs: string;
  /** Resolver map: one object per GraphQL type. */
  resolvers: Record<string, object>;
  /** The subgraph's own database, migrated. Answers /ready. */
  dataSource: DataSource;
  /** Adds the service's parts (loaders, services) to the authenticated base context. */
  context: (base: BaseContext) => Context;
  tokens: TokenOptions;
  port: number;
  host: string;
  /**
   * This subgraph's secret, shared with the gateway only: when set, every
   * request to /graphql must be a POST signed with it (`_service` and
   * `_entities` included), so a caller holding just a user token is refused.
   */
  gatewaySecret?: string | undefined;
  /** Where the nonces of accepted signatures are remembered, so each is accepted once. Default: this process's memory. */
  nonces?: NonceStore | undefined;
  /**
   * The database's read replicas, when it has some: each request gets a read
   * scope naming its caller (read-your-writes), and a mutation's reads all go
   * to the primary.
   */
  replicas?: ReplicaRouting | undefined;
  /** How long a client may take to send a whole request, in ms (see serveGraphQL). */
  requestTimeoutMs?: number;
  /** How long a client may take to send the request headers, in ms. */
  headersTimeoutMs?: number;
  /** On SIGTERM, how long /ready answers 503 while serving on, before accepting stops (SHUTDOWN_DELAY_MS). Default: 0. */
  shutdownDelayMs?: number;
  /** Hides introspection, "did you mean" suggestions and stack traces. */
  production: boolean;
  /** Adds `x-sql-statements` to each GraphQL response (tests and benchmarks count queries). */
  exposeStatementCount: boolean;
  /** Traces exported over OTLP/HTTP. Default: none, and nothing of tracing installed. */
  tracing?: TracingOptions | undefined;
  /** A port of its own for /metrics. Default: /metrics on `port`, outside production only. */
  metricsPort?: number | undefined;
  logger: Logger;
}

/** A running subgraph: closing it stops the server, then disconnects its database. */
export interface RunningSubgraph extends RunningServer {
  dataSource: DataSource;
  /** Its read replicas' routing, when it has replicas. */
  replicas?: ReplicaRouting;
}

/** Counts the SQL statements a request runs; needs an AsyncLocalStorage scope, so only paid for when asked. */
const countingStatements: AroundRequest = async ({ setHeader }, run) => {
  const { result, statements } = await countStatements(run);
  setHeader('x-sql-statements', String(statements));
  return result;
};

/** Each request in a read scope of its own (see ReplicaRouting), inside the statement count when there is one. */
const inReadScope =
  (inner: AroundRequest | undefined): AroundRequest =>
  (request, run) =>
    withReadScope(() => (inner ? inner(request, run) : run()));

/** A mutation reads from the primary only, so its checks and its payload see its own write. */
function mutationsReadThePrimary<Context extends BaseContext>(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation }) {
          const scope = currentReadScope();
          if (scope && operation?.operation === 'mutation') scope.primaryOnly = true;
        },
      };
    },
  };
}

/**
 * Starts a federated subgraph the same way for every service: SDL beside the
 * code, `@requiresScope` enforced, errors masked, no landing page (it would
 * load from a CDN), no inline tracing (nobody reads it; it costs per field).
 */
export async function startSubgraph<Context extends BaseContext>(options: StartSubgraphOptions<Context>): Promise<RunningSubgraph> {
  const schema = buildSubgraphSchema({ typeDefs: parse(options.typeDefs), resolvers: options.resolvers as never });
  const guarded = enforceScopes(schema);
  options.logger.debug({ guarded }, 'scope-guarded fields');
  const telemetry = subgraphTelemetry({
    name: options.name,
    schema,
    dataSource: options.dataSource,
    tracing: options.tracing,
    metricsPort: options.metricsPort,
    host: options.host,
    production: options.production,
  });

  const apollo = new ApolloServer<Context>({
    schema,
    // Our SIGTERM drain (runUntilSignalled) stops it; Apollo's own handler would stop it first and re-raise the signal, killing the process mid-drain.
    stopOnTerminationSignals: false,
    introspection: !options.production,
    hideSchemaDetailsFromClientErrors: options.production,
    includeStacktraceInErrorResponses: false,
    formatError: maskErrors(),
    plugins: [
      ApolloServerPluginInlineTraceDisabled(),
      ApolloServerPluginLandingPageDisabled(),
      useErrorLog(options.logger),
      ...(options.replicas ? [mutationsReadThePrimary<Context>()] : []),
      ...telemetry.plugins,
    ],
    logger: options.logger,
  });
  await apollo.start();

  const authenticate = createAuthenticator(options.tokens);
  const { gatewaySecret } = options;
  const nonces = options.nonces ?? new MemoryNonceStore();
  const server = await serveGraphQL<Context>({
    apollo,
    port: options.port,
    host: options.host,
    ...(options.replicas
      ? { aroundRequest: inReadScope(options.exposeStatementCount ? countingStatements : undefined) }
      : options.exposeStatementCount
        ? { aroundRequest: countingStatements }
        : {}),
    ...(options.requestTimeoutMs ? { requestTimeoutMs: options.requestTimeoutMs } : {}),
    ...(options.headersTimeoutMs ? { headersTimeoutMs: options.headersTimeoutMs } : {}),
    ...(options.shutdownDelayMs ? { shutdownDelayMs: options.shutdownDelayMs } : {}),
    logger: options.logger,
    observers: telemetry.observers,
    routes: telemetry.metrics.routes,
    context: async ({ requestId, headers }) => {
      const auth = await authenticate(headers.authorization);
      if (options.replicas) {
        const scope = currentReadScope();
        if (scope) scope.caller = auth.subject;
      }
      return options.context({ auth, requestId });
    },
    ...(gatewaySecret
      ? {
          verifyCaller: async ({
            method,
            headers,
            body,
          }: {
            method: string;
            headers: Record<string, string | string[] | undefined>;
            body: string;
          }) => {
            const signature = headers[gatewaySignatureHeader];
            const authorization = typeof headers.authorization === 'string' ? headers.authorization : undefined;
            return (
              method === 'POST' &&
              typeof signature === 'string' &&
              (await verifyGatewayRequest(gatewaySecret, signature, { subgraph: options.name, body, authorization }, nonces))
            );
          },
        }
      : {}),
    isReady: async () => {
      await options.dataSource.query('SELECT 1');
      return true;
    },
  });
  const metricsPort = await telemetry.metrics.listen();
  return {
    ...server,
    dataSource: options.dataSource,
    ...(options.replicas ? { replicas: options.replicas } : {}),
    ...(metricsPort === undefined ? {} : { metricsPort }),
    async close() {
      await server.close();
      await telemetry.close();
      await options.replicas?.stop();
      await options.dataSource.destroy();
    },
  };
}
