import { paginate, type PageArguments } from '@nlai/paging';
import type { Context } from '../context';
import { labOrdering, organisationOrdering, type LabFilter, type OrganisationFilter } from '../repositories';

export const Query = {
  labs(_: unknown, args: PageArguments & { filter?: LabFilter | null }, { services }: Context) {
    const { labs } = services.repositories;
    const filter = args.filter ?? {};
    return paginate(args, labOrdering, (page) => labs.findPage(filter, page), () => labs.count(filter));
  },

  lab: (_: unknown, { id }: { id: string }, { loaders }: Context) => loaders.labById.load(id),

  locations: (_: unknown, __: unknown, { services }: Context) => services.repositories.locations.findAll(),

  location: (_: unknown, { city }: { city: string }, { services }: Context) => services.repositories.locations.findByCity(city),

  organisations(_: unknown, args: PageArguments & { filter?: OrganisationFilter | null }, { services }: Context) {
    const { organisations } = services.repositories;
    const filter = args.filter ?? {};
    return paginate(args, organisationOrdering, (page) => organisations.findPage(filter, page), () => organisations.count(filter));
  },

  organisation: (_: unknown, { id }: { id: string }, { loaders }: Context) => loaders.organisationById.load(id),
};
