import { join } from 'node:path';
import { CountingLogger, openDatabase } from '@nlai/database';
import { createLogger, type Logger } from '@nlai/http-server';
import { startSubgraph, type RunningSubgraph } from '@nlai/subgraph-kit';
import type { Config } from './config';
import type { Context, Services } from './context';
import { dataSourceOptions } from './data-source';
import { createLoaders } from './loaders';
import { repositories } from './repositories';
import { ResearchInnovationClient } from './research-innovation-client';
import { resolvers } from './resolvers';
import { seedSampleData } from './seed/seed';
import { FigureReleaseService } from './services/figure-release.service';
import { scheduleReleases } from './services/figure-release-schedule';
import { PlacementService } from './services/placement.service';
import { TalentService } from './services/talent.service';

/** A running subgraph; `close()` also disconnects its database. */
export type HumanCapitalServer = RunningSubgraph;

/**
 * Opens and migrates the database, seeds it when empty (outside production),
 * and serves the subgraph. Tests call this; `index.ts` only adds signals.
 */
export async function createServer(
  config: Config,
  logger: Logger = createLogger('human-capital', config.logLevel),
): Promise<HumanCapitalServer> {
  const { dataSource, applied } = await openDatabase(dataSourceOptions(config.database, new CountingLogger(logger)));
  logger.info({ dialect: config.database.url ? 'mysql' : 'sqlite', migrationsApplied: applied }, 'database ready');
  if (config.seedSampleData && (await seedSampleData(dataSource, config.sampleDataSeed, config.seedScale)))
    logger.info({ scale: config.seedScale }, 'seeded the sample talent, courses and vacancies');

  const researchInnovation = new ResearchInnovationClient(config.referenceCheck);
  const services: Services = {
    repositories: repositories(dataSource.manager),
    talents: new TalentService(dataSource, researchInnovation),
    placements: new PlacementService(dataSource, researchInnovation),
  };
  // Public figures come from releases: one at start-up when there is none, then at the configured times.
  const figureReleases = new FigureReleaseService(dataSource);
  const firstRelease = await figureReleases.publishWhenNone();
  if (firstRelease) logger.info({ release: firstRelease.id }, 'released the public figures');
  const releaseSchedule = scheduleReleases(config.figureReleaseTimes, () => figureReleases.publish(), logger);
  const running = await startSubgraph<Context>({
    name: 'human-capital',
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
  return {
    ...running,
    async close() {
      releaseSchedule.stop();
      await running.close();
    },
  };
}
