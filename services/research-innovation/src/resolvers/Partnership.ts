import type { Context } from '../context';
import type { PartnershipEntity } from '../entities';

export const Partnership = {
  lab: (partnership: PartnershipEntity, _: unknown, { loaders }: Context) => loaders.labById.load(partnership.labId),
  organisation: (partnership: PartnershipEntity, _: unknown, { loaders }: Context) => loaders.organisationById.load(partnership.organisationId),
};
