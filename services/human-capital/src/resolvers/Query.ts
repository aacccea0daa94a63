import type { QueryResolvers } from '../generated/resolvers-types';
import { figuresFor } from '../services/figure-source';
import { talentStatsFrom } from '../services/talent-figures';

export const Query: QueryResolvers = {
  talents: (_, args, { services }) => services.repositories.talents.list(args),

  talent: (_, { id }, { loaders }) => loaders.talentById.load(id),

  courses: (_, { filter, orderBy }, { services }) => services.repositories.courses.find(filter ?? {}, orderBy),

  vacancies: (_, args, { services }) => services.repositories.vacancies.list(args),

  async talentStats(_, __, context) {
    const { cells, publication } = await figuresFor(context, 'network');
    return talentStatsFrom(cells, publication);
  },

  courseFigures: (_, __, { services }) => services.repositories.courses.counts(),

  vacancyFigures: async (_, __, { services }) => ({ byTheme: await services.repositories.vacancies.countsByTheme() }),
};
