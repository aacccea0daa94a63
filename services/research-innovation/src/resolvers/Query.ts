import { pageRequest, toConnection, type PageArguments } from '@nlai/paging';
import type { Context } from '../context';
import { labOrdering, organisationOrdering, type LabFilter, type OrganisationFilter } from '../repositories';

export const Query = {
  labs(_: unknown, args: PageArguments & { filter?: LabFilter | null }, { services }: Context) {
    const filter = args.filter ?? {};
    const page = pageRequest(args, labOrdering);
    return services.repositories.labs
      .findPage(filter, page)
      .then((rows) => toConnection(rows, page, labOrdering, () => services.repositories.labs.count(filter)));
  },

  lab(_: unknown, { id }: { id: string }, { loaders }: Context) {
    return loaders.labById.load(id);
  },

  locations(_: unknown, __: unknown, { services }: Context) {
    return services.repositories.locations.findAll();
  },

  location(_: unknown, { city }: { city: string }, { services }: Context) {
    return services.repositories.locations.findByCity(city);
  },

  organisations(_: unknown, args: PageArguments & { filter?: OrganisationFilter | null }, { services }: Context) {
    const filter = args.filter ?? {};
    const page = pageRequest(args, organisationOrdering);
    return services.repositories.organisations
      .findPage(filter, page)
      .then((rows) => toConnection(rows, page, organisationOrdering, () => services.repositories.organisations.count(filter)));
  },

  organisation(_: unknown, { id }: { id: string }, { loaders }: Context) {
    return loaders.organisationById.load(id);
  },
};
