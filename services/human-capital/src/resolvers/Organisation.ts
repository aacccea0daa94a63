import type { Context } from '../context';

type OrganisationReference = { id: string };

export const Organisation = {
  // The organisation itself lives in the Research & Innovation subgraph.
  __resolveReference: ({ id }: OrganisationReference) => ({ id }),
  placements: (organisation: OrganisationReference, _: unknown, { loaders }: Context) => loaders.placementsByOrganisationId.load(organisation.id),
  vacancies: (organisation: OrganisationReference, _: unknown, { loaders }: Context) => loaders.vacanciesByOrganisationId.load(organisation.id),
  courses: (organisation: OrganisationReference, _: unknown, { loaders }: Context) => loaders.coursesByProviderId.load(organisation.id),
};
