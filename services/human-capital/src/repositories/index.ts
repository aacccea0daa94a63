import type { EntityManager } from 'typeorm';
import { CourseRepository } from './course.repository';
import { PlacementRepository } from './placement.repository';
import { TalentRepository } from './talent.repository';
import { VacancyRepository } from './vacancy.repository';

export { talentOrdering, type TalentFilter, type TalentCounts } from './talent.repository';
export { vacancyOrdering, type VacancyFilter } from './vacancy.repository';
export type { CourseFilter } from './course.repository';

/** Every repository of this service, bound to one entity manager (the pool, or a transaction). */
export function repositories(manager: EntityManager) {
  return {
    talents: new TalentRepository(manager),
    placements: new PlacementRepository(manager),
    courses: new CourseRepository(manager),
    vacancies: new VacancyRepository(manager),
  };
}

export type Repositories = ReturnType<typeof repositories>;
