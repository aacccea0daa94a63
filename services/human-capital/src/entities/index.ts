import { courseSectors } from './course-sector.entity';
import { CourseEntity } from './course.entity';
import { FigureReleaseCellEntity } from './figure-release-cell.entity';
import { FigureReleaseEntity } from './figure-release.entity';
import { PlacementEntity } from './placement.entity';
import { TalentEntity } from './talent.entity';
import { vacancyThemes } from './vacancy-theme.entity';
import { VacancyEntity } from './vacancy.entity';

export {
  FigureReleaseCellEntity,
  FigureReleaseEntity,
  courseSectors,
  CourseEntity,
  PlacementEntity,
  TalentEntity,
  vacancyThemes,
  VacancyEntity,
};
export type { CareerStage, TalentOrigin } from './talent.entity';
export type { CourseKind } from './course.entity';

export const entities = [
  TalentEntity,
  PlacementEntity,
  CourseEntity,
  courseSectors.entity,
  VacancyEntity,
  vacancyThemes.entity,
  FigureReleaseEntity,
  FigureReleaseCellEntity,
];
