import { paginate, type PageArguments } from '@nlai/paging';
import type { Context } from '../context';
import { labOrdering, organisationOrdering, type LabFilter, type LabOrder, type OrganisationFilter, type OrganisationOrder } from '../repositories';

export const Query = {
  labs(_: unknown, args: PageArguments & { filter?: LabFilter | null; orderBy?: LabOrder | null }, { services }: Context) {
    const { labs } = services.repositories;
    const filter = args.filter ?? {};
    const ordering = labOrdering(args.orderBy);
    return paginate(args, ordering, (page) => labs.findPage(filter, ordering, page), () => labs.count(filter));
  },

  lab: (_: unknown, { id }: { id: string }, { loaders }: Context) => loaders.labById.load(id),

  locations: (_: unknown, __: unknown, { services }: Context) => services.repositories.locations.findAll(),

  location: (_: unknown, { city }: { city: string }, { services }: Context) => services.repositories.locations.findByCity(city),

  organisations(_: unknown, args: PageArguments & { filter?: OrganisationFilter | null; orderBy?: OrganisationOrder | null }, { services }: Context) {
    const { organisations } = services.repositories;
    const filter = args.filter ?? {};
    const ordering = organisationOrdering(args.orderBy);
    return paginate(args, ordering, (page) => organisations.findPage(filter, ordering, page), () => organisations.count(filter));
  },

  organisation: (_: unknown, { id }: { id: string }, { loaders }: Context) => loaders.organisationById.load(id),

  async networkSummary(_: unknown, __: unknown, { services }: Context) {
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
