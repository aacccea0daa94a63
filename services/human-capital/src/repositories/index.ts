import { repositoriesOf } from '@nlai/database';
import { CourseRepository } from './course.repository';
import { FigureReleaseRepository } from './figure-release.repository';
import { PlacementRepository } from './placement.repository';
import { TalentRepository } from './talent.repository';
import { VacancyRepository } from './vacancy.repository';

/** The repositories of this service, by name, each bound to the same entity manager. */
export type Repositories = ReturnType<typeof repositories>;

export { talentOrdering } from './talent.repository';
export { networkGroup } from './figure-release.repository';

/** Every repository of this service, bound to one entity manager (the pool, or a transaction). */
export const repositories = repositoriesOf({
  talents: TalentRepository,
  placements: PlacementRepository,
  courses: CourseRepository,
  vacancies: VacancyRepository,
  releases: FigureReleaseRepository,
});
