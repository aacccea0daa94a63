import { join } from 'node:path';
import { defineSubgraph } from '@nlai/subgraph-kit';
import type { Services } from './context';
import { entities } from './entities';
import { createLoaders } from './loaders';
import { migrations } from './migrations';
import { repositories } from './repositories';
import { resolvers } from './resolvers';
import { seedSampleData } from './seed/seed';
import { LabService } from './services/lab.service';
import { OrganisationService } from './services/organisation.service';
import { PartnershipService } from './services/partnership.service';

/** The Research & Innovation subgraph: ICAI's labs, the cities of the network, organisations and partnerships. */
export const researchInnovation = defineSubgraph({
  name: 'research-innovation',
  defaultPort: 4001,
  schema: join(__dirname, 'schema.graphql'),
  resolvers,
  entities,
  migrations,
  seed: (dataSource, config) => seedSampleData(dataSource, config.seedScale),
  services: (dataSource): Services => ({
    repositories: repositories(dataSource.manager),
    labs: new LabService(dataSource),
    organisations: new OrganisationService(dataSource),
    partnerships: new PartnershipService(dataSource),
  }),
  loaders: (services) => createLoaders(services.repositories),
});
