import type { Context } from '../context';
import type { PlacementEntity } from '../entities';

export const Placement = {
  talent: (placement: PlacementEntity, _: unknown, { loaders }: Context) => loaders.talentById.load(placement.talentId),
  organisation: (placement: PlacementEntity) => ({ id: placement.organisationId }),
};
