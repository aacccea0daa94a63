import type { SubgraphContext } from '@nlai/subgraph-kit';
import type { Loaders } from './loaders';
import type { LabService } from './services/lab.service';
import type { OrganisationService } from './services/organisation.service';
import type { PartnershipService } from './services/partnership.service';
import type { Repositories } from './repositories';

/** Long-lived parts, made once per process. */
export interface Services {
  repositories: Repositories;
  labs: LabService;
  organisations: OrganisationService;
  partnerships: PartnershipService;
}

/** What every resolver receives. */
export type Context = SubgraphContext<Services, Loaders>;
