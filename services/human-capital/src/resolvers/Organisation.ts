import type { OrganisationResolvers } from '../generated/resolvers-types';

export const Organisation: OrganisationResolvers = {
  // The organisation itself lives in the Research & Innovation subgraph.
  __resolveReference: ({ id }) => ({ id }),
  placements: (organisation, _, { loaders }) => loaders.placementsByOrganisationId.load(organisation.id),
  vacancies: (organisation, _, { loaders }) => loaders.vacanciesByOrganisationId.load(organisation.id),
  courses: (organisation, _, { loaders }) => loaders.coursesByProviderId.load(organisation.id),
};
