import { referenced } from '@nlai/database';
import type { PartnershipResolvers } from '../generated/resolvers-types';

export const Partnership: PartnershipResolvers = {
  lab: (partnership, _, { loaders }) => referenced(loaders.labById.load(partnership.labId), `Lab ${partnership.labId}`),
  organisation: (partnership, _, { loaders }) =>
    referenced(loaders.organisationById.load(partnership.organisationId), `Organisation ${partnership.organisationId}`),
};
