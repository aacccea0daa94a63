import type { TalentResolvers } from '../generated/resolvers-types';

export const Talent: TalentResolvers = {
  lab: (talent) => ({ id: talent.labId }),
  placements: (talent, _, { loaders }) => loaders.placementsByTalentId.load(talent.id),
};
