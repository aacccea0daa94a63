import { paginate } from '@nlai/paging';
import type { QueryResolvers } from '../generated/resolvers-types';
import { talentOrdering, vacancyOrdering } from '../repositories';
import { figuresFor } from '../services/figure-source';
import { talentStatsFrom } from '../services/talent-figures';

export const Query: QueryResolvers = {
  talents(_, args, { services }) {
    const { talents } = services.repositories;
    const filter = args.filter ?? {};
    const ordering = talentOrdering(args.orderBy);
    return paginate(
      args,
      ordering,
      (page) => talents.findPage(filter, ordering, page),
      () => talents.count(filter),
    );
  },

  talent: (_, { id }, { loaders }) => loaders.talentById.load(id),

  courses: (_, { filter, orderBy }, { services }) => services.repositories.courses.find(filter ?? {}, orderBy),

  vacancies(_, args, { services }) {
    const { vacancies } = services.repositories;
    const filter = args.filter ?? {};
    const ordering = vacancyOrdering(args.orderBy);
    return paginate(
      args,
      ordering,
      (page) => vacancies.findPage(filter, ordering, page),
      () => vacancies.count(filter),
    );
  },

  async talentStats(_, __, context) {
    const { cells, publication } = await figuresFor(context, 'network');
    return talentStatsFrom(cells, publication);
  },

  courseFigures: (_, __, { services }) => services.repositories.courses.counts(),

  vacancyFigures: async (_, __, { services }) => ({ byTheme: await services.repositories.vacancies.countsByTheme() }),
};
