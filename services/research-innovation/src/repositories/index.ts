import type { EntityManager } from 'typeorm';
import { LabRepository } from './lab.repository';
import { LocationRepository } from './location.repository';
import { OrganisationRepository } from './organisation.repository';
import { PartnershipRepository } from './partnership.repository';

export { labOrdering, type LabCounts } from './lab.repository';
export { organisationOrdering } from './organisation.repository';

/** Every repository of this service, bound to one entity manager (the pool, or a transaction). */
export function repositories(manager: EntityManager) {
  return {
    labs: new LabRepository(manager),
    locations: new LocationRepository(manager),
    organisations: new OrganisationRepository(manager),
    partnerships: new PartnershipRepository(manager),
  };
}

export type Repositories = ReturnType<typeof repositories>;
