import { insertInChunks } from '@nlai/database';
import type { DataSource } from 'typeorm';
import { CourseEntity, courseSectors, PlacementEntity, TalentEntity, VacancyEntity, vacancyThemes } from '../entities';
import { sampleCourses, sampleTalent, scaledVacancies } from './sample-data';

/**
 * Seeds the sample people, placements, courses and vacancies into an empty
 * database, in one transaction. Returns false, touching nothing, when it
 * already holds talent or courses.
 */
export async function seedSampleData(dataSource: DataSource, seed: number, scale = 1): Promise<boolean> {
  return dataSource.transaction(async (manager) => {
    if ((await manager.count(TalentEntity)) > 0 || (await manager.count(CourseEntity)) > 0) return false;
    const { talents, placements } = sampleTalent(seed, scale);
    const vacancies = scaledVacancies(scale);
    await insertInChunks((rows) => manager.insert(TalentEntity, rows), talents);
    await insertInChunks((rows) => manager.insert(PlacementEntity, rows), placements);
    await manager.insert(
      CourseEntity,
      sampleCourses.map(({ sectors: _sectors, ...course }) => course),
    );
    await manager.insert(
      courseSectors.entity,
      sampleCourses.flatMap((course) => course.sectors.map((sector, position) => ({ courseId: course.id, sector, position }))),
    );
    await insertInChunks(
      (rows) => manager.insert(VacancyEntity, rows),
      vacancies.map(({ themes: _themes, ...row }) => row),
    );
    await insertInChunks(
      (rows) => manager.insert(vacancyThemes.entity, rows),
      vacancies.flatMap((vacancy) => vacancy.themes.map((theme, position) => ({ vacancyId: vacancy.id, theme, position }))),
    );
    return true;
  });
}
