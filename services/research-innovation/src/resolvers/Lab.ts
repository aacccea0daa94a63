import type { Context } from '../context';
import type { LabEntity } from '../entities';

export const Lab = {
  __resolveReference({ id }: { id: string }, { loaders }: Context) {
    return loaders.labById.load(id);
  },
  location: (lab: LabEntity, _: unknown, { loaders }: Context) => loaders.locationById.load(lab.locationId),
  themes: (lab: LabEntity, _: unknown, { loaders }: Context) => loaders.themesByLabId.load(lab.id),
  partners: (lab: LabEntity, _: unknown, { loaders }: Context) => loaders.partnershipsByLabId.load(lab.id),
};
