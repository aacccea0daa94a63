import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { createAuthenticator } from '@nlai/auth';
import { connectSharedState, type SharedState } from '@nlai/shared-state';
import { maskErrors } from '@nlai/errors';
import { createLogger, serveGraphQL, useErrorLog, type Logger, type RunningServer } from '@nlai/http-server';
import type { Config } from './config';
import type { GatewayContext } from './context';
import { explorerPath, explorerRoutes } from './explorer';
import { spoolDirectory, useFieldUsage } from './field-usage';
import { insightsRoutes } from './insights';
import { gatewayTelemetry } from './gateway-telemetry';
import { costDeclarationsFromSupergraph, noCostDeclarations, useOperationLimits, type CostDeclarations } from './operation-limits';
import { useOperationResolution } from './operation-resolution';
import { safelist } from './persisted-operations';
import { SharedPersistedQueryCache } from './persisted-query-cache';
import { authenticateOnce, rateLimiter } from './rate-limit';
import { loadSavedQuestions } from './saved-questions';
import { SubgraphDataSource } from './subgraph-data-source';
import { subgraphAgent, subgraphFetcher } from './subgraph-fetcher';
import { fetchSupergraph, polledSupergraph, watchedSupergraph, type SupergraphSource } from './supergraph-source';
import { warmQueryPlans } from './warm-up';

/** Whether every subgraph answers its own /ready. */
async function subgraphsReady(urls: string[]): Promise<boolean> {
  const answers = await Promise.all(
    urls.map((url) =>
      fetch(new URL('/ready', url), { signal: AbortSignal.timeout(2000) }).then(
        (response) => response.ok,
        () => false,
      ),
    ),
  );
  return answers.length > 0 && answers.every(Boolean);
}

/** Resolves when Redis is connected, or after `timeoutMs` when it is not. */
async function connectedWithin(shared: SharedState, timeoutMs: number): Promise<void> {
  if (shared.redis.status === 'ready') return;
  await new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, timeoutMs);
    shared.redis.once('ready', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/** SUPERGRAPH_URL's first answer (boot fails without it), else the watched file; with the subgraphs' settings. */
async function supergraphSourceOf(config: Config, logger: Logger) {
  if (!config.supergraphUrl) {
    const source: SupergraphSource = watchedSupergraph(config.supergraphFile, logger, config.supergraphPollMs);
    return { source, subgraphs: { urls: config.subgraphUrls, secrets: config.subgraphSecrets } };
  }
  const url = config.supergraphUrl;
  const first = await fetchSupergraph(url).catch((error: unknown) => {
    throw new Error(
      `SUPERGRAPH_URL: cannot fetch the supergraph from ${url} (${error instanceof Error ? error.message : String(error)}); the gateway needs one to start`,
      { cause: error },
    );
  });
  if (!first) throw new Error(`SUPERGRAPH_URL: ${url} answered 304 to a request without If-None-Match`);
  return { source: polledSupergraph(url, first, logger, config.supergraphPollMs), subgraphs: config.subgraphsOf(first.sdl) };
}

/**
 * Serves the supergraph with @apollo/gateway: the file, watched for changes,
 * or SUPERGRAPH_URL, polled. Subgraph URLs come from the supergraph unless
 * the environment overrides them; every subgraph request is signed with
 * that subgraph's secret when one is configured. With REDIS_URL, replicas
 * share persisted queries and rate-limit counts.
 */
export async function createServer(config: Config, logger: Logger = createLogger('gateway', config.logLevel)): Promise<RunningServer> {
  const supergraph = await supergraphSourceOf(config, logger);
  const subgraphUrls = new Map<string, string>();
  const agents = new Map<string, ReturnType<typeof subgraphAgent>>();
  const telemetry = gatewayTelemetry(config);
  const gateway = new ApolloGateway({
    supergraphSdl: supergraph.source.hook,
    buildService: ({ name, url }) => {
      const target = supergraph.subgraphs.urls[name] ?? url;
      if (!target) throw new Error(`No URL for subgraph ${name}`);
      subgraphUrls.set(name, target);
      const agent = agents.get(name) ?? subgraphAgent(config.subgraphMaxSockets);
      agents.set(name, agent);
      return new SubgraphDataSource({
        url: target,
        name,
        timeoutMs: config.subgraphTimeoutMs,
        logger,
        fetcher: telemetry.observeFetches(
          name,
          subgraphFetcher({
            subgraph: name,
            secret: supergraph.subgraphs.secrets[name],
            timeoutMs: config.subgraphTimeoutMs,
            agent,
            deduplicate: config.subgraphDeduplicate,
          }),
        ) as never,
      } as ConstructorParameters<typeof SubgraphDataSource>[0]);
    },
    // The query plan is for developers; never shown in production, whatever the headers say.
    __exposeQueryPlanExperimental: !config.production,
    queryPlannerConfig: { cache: telemetry.queryPlanCache },
    logger,
  });
  // The supergraph declares list sizes and weights (@listSize, @cost); re-read with every schema the gateway serves.
  let costDeclarations: CostDeclarations = noCostDeclarations;
  gateway.onSchemaLoadOrUpdate(({ coreSupergraphSdl }) => {
    costDeclarations = costDeclarationsFromSupergraph(coreSupergraphSdl);
  });
  const shared = config.redisUrl ? connectSharedState({ url: config.redisUrl, logger, keyPrefix: 'nlai:gateway:' }) : undefined;
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    // Our SIGTERM drain (runUntilSignalled) stops it; Apollo's own handler would stop it first and re-raise the signal, killing the process mid-drain.
    stopOnTerminationSignals: false,
    // Without Redis, Apollo's own in-memory cache: each process knows the hashes registered through it.
    ...(shared ? { persistedQueries: { cache: new SharedPersistedQueryCache(shared) } } : {}),
    introspection: !config.production,
    hideSchemaDetailsFromClientErrors: config.production,
    includeStacktraceInErrorResponses: false,
    allowBatchedHttpRequests: false,
    parseOptions: { maxTokens: config.maxTokens },
    formatError: maskErrors(),
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      useErrorLog(logger),
      useOperationResolution(),
      useOperationLimits(config.limits, () => costDeclarations),
      ...(config.usage.recording ? [useFieldUsage({ ...config.usage, sink: spoolDirectory(config.usage.spoolDirectory), logger })] : []),
      ...telemetry.plugins,
    ],
    logger,
  });
  await apollo.start();
  await warmQueryPlans(apollo, gateway.schema!, config.persistedOperationsFile, logger);
  logger.info({ subgraphs: Object.fromEntries(subgraphUrls), signed: Object.keys(supergraph.subgraphs.secrets) }, 'serving the supergraph');

  // Boot goes on without Redis, but gives it a moment first: the first requests then share state instead of degrading.
  if (shared) await connectedWithin(shared, 2000);
  const authenticate = authenticateOnce(createAuthenticator(config.tokens));
  const server = await serveGraphQL<GatewayContext>({
    apollo,
    port: config.port,
    ...config.http,
    host: config.host,
    bodyLimitBytes: config.maxBodyBytes,
    corsOrigins: config.corsOrigins,
    routes: {
      ...(config.explorer ? explorerRoutes(loadSavedQuestions(config.persistedOperationsFile, config.insights)) : {}),
      ...(config.insights ? insightsRoutes(config.persistedOperationsFile, logger) : {}),
      ...telemetry.metrics.routes,
    },
    observers: telemetry.observers,
    ...(config.explorer ? { browserHome: explorerPath } : {}),
    ...(config.persistedOperationsOnly ? { admitRequest: safelist(config.persistedOperationsFile) } : {}),
    ...(config.rateLimit.requests > 0 ? { limitRequest: rateLimiter(config.rateLimit, authenticate, shared) } : {}),
    readyDetails: () => ({ supergraph: supergraph.source.digest() }),
    logger,
    context: async ({ requestId, headers }) => ({
      auth: await authenticate(headers),
      authorization: headers.authorization,
      requestId,
    }),
    isReady: () => subgraphsReady([...subgraphUrls.values()]),
  });
  const metricsPort = await telemetry.metrics.listen();
  return {
    ...server,
    ...(metricsPort === undefined ? {} : { metricsPort }),
    async close() {
      await server.close();
      await Promise.all([...agents.values()].map((agent) => agent.close()));
      await telemetry.close();
      await shared?.close();
    },
  };
}
