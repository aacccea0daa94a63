import type { Context } from '../context';
import type { OrganisationEntity } from '../entities';

export const Organisation = {
  __resolveReference({ id }: { id: string }, { loaders }: Context) {
    return loaders.organisationById.load(id);
  },
  partnerships: (organisation: OrganisationEntity, _: unknown, { loaders }: Context) => loaders.partnershipsByOrganisationId.load(organisation.id),
};
