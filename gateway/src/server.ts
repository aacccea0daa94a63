import { readFileSync } from 'node:fs';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { authenticate } from '@nlai/auth';
import { maskErrors } from '@nlai/errors';
import { createLogger, serveGraphQL, type Logger, type RunningServer } from '@nlai/http-server';
import { AuthenticatedDataSource } from './authenticated-data-source';
import type { Config } from './config';
import type { GatewayContext } from './context';

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
  return answers.every(Boolean);
}

/**
 * Serves the committed supergraph with @apollo/gateway. Subgraph URLs come
 * from the supergraph unless the environment overrides them.
 */
export async function createServer(config: Config, logger: Logger = createLogger('gateway', config.logLevel)): Promise<RunningServer> {
  const subgraphUrls = new Map<string, string>();
  const gateway = new ApolloGateway({
    supergraphSdl: readFileSync(config.supergraphFile, 'utf8'),
    buildService: ({ name, url }) => {
      const target = config.subgraphUrls[name] ?? url;
      if (!target) throw new Error(`No URL for subgraph ${name}`);
      subgraphUrls.set(name, target);
      return new AuthenticatedDataSource({ url: target });
    },
    logger,
  });
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    introspection: !config.production,
    includeStacktraceInErrorResponses: false,
    formatError: maskErrors({ logger }),
    plugins: [ApolloServerPluginLandingPageDisabled()],
    logger,
  });
  await apollo.start();
  logger.info({ subgraphs: Object.fromEntries(subgraphUrls) }, 'serving the supergraph');

  return serveGraphQL<GatewayContext>({
    apollo,
    port: config.port,
    host: config.host,
    logger,
    context: ({ requestId, headers }) => ({ auth: authenticate(headers.authorization, config.tokens), authorization: headers.authorization, requestId }),
    isReady: () => subgraphsReady([...subgraphUrls.values()]),
  });
}
