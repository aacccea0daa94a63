import type { QueryResolvers } from '../generated/resolvers-types';
import { publishTalentStats } from '../services/talent-stats';

export const Query: QueryResolvers = {
  talents: (_, args, { services }) => services.repositories.talents.list(args),

  talent: (_, { id }, { loaders }) => loaders.talentById.load(id),

  courses: (_, { filter, orderBy }, { services }) => services.repositories.courses.find(filter ?? {}, orderBy),

  vacancies: (_, args, { services }) => services.repositories.vacancies.list(args),

  async talentStats(_, __, { services, auth }) {
    const figures = (await services.repositories.talents.figuresPerLab(null)).get(null)!;
    return publishTalentStats(figures, auth, services.talentStatsThreshold);
  },

  courseFigures: (_, __, { services }) => services.repositories.courses.counts(),

  vacancyFigures: async (_, __, { services }) => ({ byTheme: await services.repositories.vacancies.countsByTheme() }),
};
