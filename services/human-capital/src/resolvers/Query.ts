import { paginate, type PageArguments } from '@nlai/paging';
import type { Context } from '../context';
import { talentOrdering, vacancyOrdering, type CourseFilter, type CourseOrder, type TalentFilter, type TalentOrder, type VacancyFilter, type VacancyOrder } from '../repositories';
import { publishTalentStats } from '../services/talent-stats';

export const Query = {
  talents(_: unknown, args: PageArguments & { filter?: TalentFilter | null; orderBy?: TalentOrder | null }, { services }: Context) {
    const { talents } = services.repositories;
    const filter = args.filter ?? {};
    const ordering = talentOrdering(args.orderBy);
    return paginate(args, ordering, (page) => talents.findPage(filter, ordering, page), () => talents.count(filter));
  },

  talent: (_: unknown, { id }: { id: string }, { loaders }: Context) => loaders.talentById.load(id),

  courses: (_: unknown, { filter, orderBy }: { filter?: CourseFilter | null; orderBy?: CourseOrder | null }, { services }: Context) =>
    services.repositories.courses.find(filter ?? {}, orderBy),

  vacancies(_: unknown, args: PageArguments & { filter?: VacancyFilter | null; orderBy?: VacancyOrder | null }, { services }: Context) {
    const { vacancies } = services.repositories;
    const filter = args.filter ?? {};
    const ordering = vacancyOrdering(args.orderBy);
    return paginate(args, ordering, (page) => vacancies.findPage(filter, ordering, page), () => vacancies.count(filter));
  },

  async talentStats(_: unknown, __: unknown, { services, auth }: Context) {
    const figures = (await services.repositories.talents.figuresPerLab(null)).get(null)!;
    return publishTalentStats(figures, auth, services.talentStatsThreshold);
  },

  courseFigures: (_: unknown, __: unknown, { services }: Context) => services.repositories.courses.counts(),

  vacancyFigures: async (_: unknown, __: unknown, { services }: Context) => ({ byTheme: await services.repositories.vacancies.countsByTheme() }),
};
