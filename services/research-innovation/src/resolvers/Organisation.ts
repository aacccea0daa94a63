import type { OrganisationResolvers } from '../generated/resolvers-types';

export const Organisation: OrganisationResolvers = {
  __resolveReference: ({ id }, { loaders }) => loaders.organisationById.load(id),
  partnerships: (organisation, _, { loaders }) => loaders.partnershipsByOrganisationId.load(organisation.id),
};
