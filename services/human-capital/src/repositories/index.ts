import type { EntityManager } from 'typeorm';
import { CourseRepository } from './course.repository';
import { PlacementRepository } from './placement.repository';
import { TalentRepository } from './talent.repository';
import { VacancyRepository } from './vacancy.repository';

export { noFigures, talentOrdering, type TalentFigures } from './talent.repository';
export { vacancyOrdering } from './vacancy.repository';

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
