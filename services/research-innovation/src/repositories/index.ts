import { repositoriesOf } from '@nlai/database';
import { LabRepository } from './lab.repository';
import { LocationRepository } from './location.repository';
import { OrganisationRepository } from './organisation.repository';
import { PartnershipRepository } from './partnership.repository';

/** The repositories of this service, by name, each bound to the same entity manager. */
export type Repositories = ReturnType<typeof repositories>;

export type { LabCounts } from './lab.repository';

/** Every repository of this service, bound to one entity manager (the pool, or a transaction). */
export const repositories = repositoriesOf({
  labs: LabRepository,
  locations: LocationRepository,
  organisations: OrganisationRepository,
  partnerships: PartnershipRepository,
});
