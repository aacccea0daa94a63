import type { Context } from '../context';
import type { TalentEntity } from '../entities';

export const Talent = {
  lab: (talent: TalentEntity) => ({ id: talent.labId }),
  placements: (talent: TalentEntity, _: unknown, { loaders }: Context) => loaders.placementsByTalentId.load(talent.id),
};
