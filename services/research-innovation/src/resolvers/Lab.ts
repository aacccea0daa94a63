import { referenced } from '@nlai/database';
import type { LabResolvers } from '../generated/resolvers-types';

export const Lab: LabResolvers = {
  __resolveReference: ({ id }, { loaders }) => loaders.labById.load(id),
  location: (lab, _, { loaders }) => referenced(loaders.locationById.load(lab.locationId), `Location ${lab.locationId}`),
  themes: (lab, _, { loaders }) => loaders.themesByLabId.load(lab.id),
  partners: (lab, _, { loaders }) => loaders.partnershipsByLabId.load(lab.id),
};
