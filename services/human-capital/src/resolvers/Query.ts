import { pageRequest, toConnection, type PageArguments } from '@nlai/paging';
import type { Context } from '../context';
import { talentOrdering, vacancyOrdering, type CourseFilter, type TalentFilter, type VacancyFilter } from '../repositories';
import { publishTalentStats } from '../services/talent-stats';

export const Query = {
  async talents(_: unknown, args: PageArguments & { filter?: TalentFilter | null }, { services }: Context) {
    const filter = args.filter ?? {};
    const page = pageRequest(args, talentOrdering);
    const rows = await services.repositories.talents.findPage(filter, page);
    return toConnection(rows, page, talentOrdering, () => services.repositories.talents.count(filter));
  },

  talent: (_: unknown, { id }: { id: string }, { loaders }: Context) => loaders.talentById.load(id),

  courses: (_: unknown, { filter }: { filter?: CourseFilter | null }, { services }: Context) => services.repositories.courses.find(filter ?? {}),

  async vacancies(_: unknown, args: PageArguments & { filter?: VacancyFilter | null }, { services }: Context) {
    const filter = args.filter ?? {};
    const page = pageRequest(args, vacancyOrdering);
    const rows = await services.repositories.vacancies.findPage(filter, page);
    return toConnection(rows, page, vacancyOrdering, () => services.repositories.vacancies.count(filter));
  },

  async talentStats(_: unknown, __: unknown, { services, auth }: Context) {
    const counts = (await services.repositories.talents.countsPerLab(null)).get(null)!;
    return publishTalentStats(counts, auth, services.talentStatsThreshold);
  },
};
