import type { QueryResolvers } from '../generated/resolvers-types';

export const Query: QueryResolvers = {
  labs: (_, args, { services }) => services.repositories.labs.list(args),

  lab: (_, { id }, { loaders }) => loaders.labById.load(id),

  locations: (_, __, { services }) => services.repositories.locations.findAll(),

  location: (_, { city }, { services }) => services.repositories.locations.findByCity(city),

  organisations: (_, args, { services }) => services.repositories.organisations.list(args),

  organisation: (_, { id }, { loaders }) => loaders.organisationById.load(id),

  async networkSummary(_, __, { services }) {
    const { labs, locations } = services.repositories;
    const [counts, everyLocation] = await Promise.all([labs.counts(), locations.findAll()]);
    return {
      labs: counts.total,
      labsByStatus: counts.byStatus,
      labsByCity: counts.byCity,
      labsByTheme: counts.byTheme,
      hubs: everyLocation.filter((location) => location.role === 'HUB'),
      spokes: everyLocation.filter((location) => location.role === 'SPOKE'),
    };
  },
};
