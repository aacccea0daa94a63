import { join } from 'node:path';
import { CountingLogger, openDatabase } from '@nlai/database';
import { createLogger, type Logger } from '@nlai/http-server';
import { startSubgraph, type RunningSubgraph } from '@nlai/subgraph-kit';
import type { Config } from './config';
import type { Context, Services } from './context';
import { dataSourceOptions } from './data-source';
import { createLoaders } from './loaders';
import { repositories } from './repositories';
import { resolvers } from './resolvers';
import { seedSampleData } from './seed/seed';
import { LabService } from './services/lab.service';
import { OrganisationService } from './services/organisation.service';
import { PartnershipService } from './services/partnership.service';

/** A running subgraph; `close()` also disconnects its database. */
export type ResearchInnovationServer = RunningSubgraph;

/**
 * Opens and migrates the database, seeds it when empty (outside production),
 * and serves the subgraph. Tests call this; `index.ts` only adds signals.
 */
export async function createServer(
  config: Config,
  logger: Logger = createLogger('research-innovation', config.logLevel),
): Promise<ResearchInnovationServer> {
  const { dataSource, applied } = await openDatabase(dataSourceOptions(config.database, new CountingLogger(logger)));
  logger.info({ dialect: config.database.url ? 'mysql' : 'sqlite', migrationsApplied: applied }, 'database ready');
  if (config.seedSampleData && (await seedSampleData(dataSource, config.seedScale)))
    logger.info({ scale: config.seedScale }, 'seeded the sample network');

  const services: Services = {
    repositories: repositories(dataSource.manager),
    labs: new LabService(dataSource),
    organisations: new OrganisationService(dataSource),
    partnerships: new PartnershipService(dataSource),
  };
  return startSubgraph<Context>({
    name: 'research-innovation',
    sdlFile: join(__dirname, 'schema.graphql'),
    resolvers,
    dataSource,
    context: (base) => ({ ...base, services, loaders: createLoaders(services.repositories) }),
    tokens: config.tokens,
    gatewaySecret: config.gatewaySecret,
    port: config.port,
    ...config.http,
    host: config.host,
    production: config.production,
    exposeStatementCount: config.exposeStatementCount,
    logger,
  });
}
