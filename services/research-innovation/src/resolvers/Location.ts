import type { Context } from '../context';
import type { LocationEntity } from '../entities';

export const Location = {
  __resolveReference({ id }: { id: string }, { loaders }: Context) {
    return loaders.locationById.load(id);
  },
  hub: (location: LocationEntity, _: unknown, { loaders }: Context) => (location.hubId ? loaders.locationById.load(location.hubId) : null),
  spokes: (location: LocationEntity, _: unknown, { loaders }: Context) => (location.role === 'HUB' ? loaders.spokesByHubId.load(location.id) : []),
  labs: (location: LocationEntity, _: unknown, { loaders }: Context) => loaders.labsByLocationId.load(location.id),
};
