import { join } from 'node:path';
import { defineSubgraph } from '@nlai/subgraph-kit';
import { humanCapitalConfig } from './config';
import type { Services } from './context';
import { entities } from './entities';
import { createLoaders } from './loaders';
import { migrations } from './migrations';
import { repositories } from './repositories';
import { ResearchInnovationClient } from './research-innovation-client';
import { resolvers } from './resolvers';
import { seedSampleData } from './seed/seed';
import { FigureReleaseService } from './services/figure-release.service';
import { scheduleReleases } from './services/figure-release-schedule';
import { PlacementService } from './services/placement.service';
import { TalentService } from './services/talent.service';

/** The Human Capital subgraph: the labs' PhD talent, where it goes to work, AI courses and vacancies. */
export const humanCapital = defineSubgraph({
  name: 'human-capital',
  defaultPort: 4002,
  schema: join(__dirname, 'schema.graphql'),
  resolvers,
  entities,
  migrations,
  config: humanCapitalConfig,
  seed: (dataSource, config) => seedSampleData(dataSource, config.sampleDataSeed, config.seedScale),
  services: (dataSource, config): Services => {
    const researchInnovation = new ResearchInnovationClient(config.referenceCheck);
    return {
      repositories: repositories(dataSource.manager),
      talents: new TalentService(dataSource, researchInnovation),
      placements: new PlacementService(dataSource, researchInnovation),
    };
  },
  loaders: (services) => createLoaders(services.repositories),
  // Public figures come from releases: one at start-up when there is none, then at the configured times.
  background: async ({ dataSource, config, logger }) => {
    const figureReleases = new FigureReleaseService(dataSource);
    const firstRelease = await figureReleases.publishWhenNone();
    if (firstRelease) logger.info({ release: firstRelease.id }, 'released the public figures');
    const schedule = scheduleReleases(config.figureReleaseTimes, () => figureReleases.publish(), logger);
    return () => schedule.stop();
  },
});
