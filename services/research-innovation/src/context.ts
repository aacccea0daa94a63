import type { AuthContext } from '@nlai/auth';
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
export interface Context {
  auth: AuthContext;
  requestId: string;
  /** Made fresh for each request, so nothing cached leaks between callers. */
  loaders: Loaders;
  services: Services;
}
