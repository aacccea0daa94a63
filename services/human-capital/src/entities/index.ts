import { IdempotencyKeyEntity } from '@nlai/database';
import { courseSectors } from './course-sector.entity';
import { CourseEntity } from './course.entity';
import { PlacementEntity } from './placement.entity';
import { TalentEntity } from './talent.entity';
import { vacancyThemes } from './vacancy-theme.entity';
import { VacancyEntity } from './vacancy.entity';

export { courseSectors, CourseEntity, PlacementEntity, TalentEntity, vacancyThemes, VacancyEntity };
export type { CareerStage, TalentOrigin } from './talent.entity';
export type { CourseKind } from './course.entity';

export const entities = [
  IdempotencyKeyEntity,
  TalentEntity,
  PlacementEntity,
  CourseEntity,
  courseSectors.entity,
  VacancyEntity,
  vacancyThemes.entity,
];
