import { paginate, type PageArguments } from '@nlai/paging';
import type { Context } from '../context';
import { talentOrdering, vacancyOrdering, type CourseFilter, type TalentFilter, type VacancyFilter } from '../repositories';
import { publishTalentStats } from '../services/talent-stats';

export const Query = {
  talents(_: unknown, args: PageArguments & { filter?: TalentFilter | null }, { services }: Context) {
    const { talents } = services.repositories;
    const filter = args.filter ?? {};
    return paginate(args, talentOrdering, (page) => talents.findPage(filter, page), () => talents.count(filter));
  },

  talent: (_: unknown, { id }: { id: string }, { loaders }: Context) => loaders.talentById.load(id),

  courses: (_: unknown, { filter }: { filter?: CourseFilter | null }, { services }: Context) => services.repositories.courses.find(filter ?? {}),

  vacancies(_: unknown, args: PageArguments & { filter?: VacancyFilter | null }, { services }: Context) {
    const { vacancies } = services.repositories;
    const filter = args.filter ?? {};
    return paginate(args, vacancyOrdering, (page) => vacancies.findPage(filter, page), () => vacancies.count(filter));
  },

  async talentStats(_: unknown, __: unknown, { services, auth }: Context) {
    const counts = (await services.repositories.talents.countsPerLab(null)).get(null)!;
    return publishTalentStats(counts, auth, services.talentStatsThreshold);
  },
};
