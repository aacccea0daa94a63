import { referenced } from '@nlai/database';
import type { PlacementResolvers } from '../generated/resolvers-types';

export const Placement: PlacementResolvers = {
  talent: (placement, _, { loaders }) => referenced(loaders.talentById.load(placement.talentId), `Talent ${placement.talentId}`),
  organisation: (placement) => ({ id: placement.organisationId }),
};
