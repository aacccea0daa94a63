import { paginate } from '@nlai/paging';
import type { QueryResolvers } from '../generated/resolvers-types';
import { labOrdering, organisationOrdering } from '../repositories';

export const Query: QueryResolvers = {
  labs(_, args, { services }) {
    const { labs } = services.repositories;
    const filter = args.filter ?? {};
    const ordering = labOrdering(args.orderBy);
    return paginate(
      args,
      ordering,
      (page) => labs.findPage(filter, ordering, page),
      () => labs.count(filter),
    );
  },

  lab: (_, { id }, { loaders }) => loaders.labById.load(id),

  locations: (_, __, { services }) => services.repositories.locations.findAll(),

  location: (_, { city }, { services }) => services.repositories.locations.findByCity(city),

  organisations(_, args, { services }) {
    const { organisations } = services.repositories;
    const filter = args.filter ?? {};
    const ordering = organisationOrdering(args.orderBy);
    return paginate(
      args,
      ordering,
      (page) => organisations.findPage(filter, ordering, page),
      () => organisations.count(filter),
    );
  },

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
