import type { SubgraphContext } from '@nlai/subgraph-kit';
import type { Loaders } from './loaders';
import type { Repositories } from './repositories';
import type { PlacementService } from './services/placement.service';
import type { TalentService } from './services/talent.service';

/** Long-lived parts, made once per process. */
export interface Services {
  repositories: Repositories;
  talents: TalentService;
  placements: PlacementService;
}

/** What every resolver receives. */
export type Context = SubgraphContext<Services, Loaders>;
