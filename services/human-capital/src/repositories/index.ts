import { repositoriesOf } from '@nlai/database';
import { CourseRepository } from './course.repository';
import { PlacementRepository } from './placement.repository';
import { TalentRepository } from './talent.repository';
import { VacancyRepository } from './vacancy.repository';

export { noFigures, talentOrdering, type TalentFigures } from './talent.repository';

/** Every repository of this service, bound to one entity manager (the pool, or a transaction). */
export const repositories = repositoriesOf({
  talents: TalentRepository,
  placements: PlacementRepository,
  courses: CourseRepository,
  vacancies: VacancyRepository,
});

export type Repositories = ReturnType<typeof repositories>;
