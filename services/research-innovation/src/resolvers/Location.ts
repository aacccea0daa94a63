import type { LocationResolvers } from '../generated/resolvers-types';

export const Location: LocationResolvers = {
  __resolveReference: ({ id }, { loaders }) => loaders.locationById.load(id),
  hub: (location, _, { loaders }) => (location.hubId ? loaders.locationById.load(location.hubId) : null),
  spokes: (location, _, { loaders }) => (location.role === 'HUB' ? loaders.spokesByHubId.load(location.id) : []),
  labs: (location, _, { loaders }) => loaders.labsByLocationId.load(location.id),
  coordinates: ({ latitude, longitude, coordinatesSource }) =>
    latitude === null || longitude === null || coordinatesSource === null ? null : { latitude, longitude, source: coordinatesSource },
};
