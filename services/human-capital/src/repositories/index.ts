import type { EntityManager } from 'typeorm';
import { CourseRepository } from './course.repository';
import { FigureReleaseRepository } from './figure-release.repository';
import { PlacementRepository } from './placement.repository';
import { TalentRepository } from './talent.repository';
import { VacancyRepository } from './vacancy.repository';

export { talentOrdering } from './talent.repository';
export { networkGroup } from './figure-release.repository';
export { vacancyOrdering } from './vacancy.repository';

/** Every repository of this service, bound to one entity manager (the pool, or a transaction). */
export function repositories(manager: EntityManager) {
  return {
    talents: new TalentRepository(manager),
    placements: new PlacementRepository(manager),
    courses: new CourseRepository(manager),
    vacancies: new VacancyRepository(manager),
    releases: new FigureReleaseRepository(manager),
  };
}

export type Repositories = ReturnType<typeof repositories>;
