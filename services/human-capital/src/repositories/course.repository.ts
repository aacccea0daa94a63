import { In, type EntityManager } from 'typeorm';
import { CourseEntity, CourseSectorEntity, type CourseKind } from '../entities';

/** Filters of the courses list. */
export interface CourseFilter {
  kind?: CourseKind | null;
  sector?: string | null;
}

/** Course reads. */
export class CourseRepository {
  constructor(private readonly manager: EntityManager) {}

  /** Courses matching the filter: the national course first, then MOOCs, courses and trainings, each by title. */
  find(filter: CourseFilter): Promise<CourseEntity[]> {
    const query = this.manager.getRepository(CourseEntity).createQueryBuilder('course');
    if (filter.kind) query.andWhere('course.kind = :kind', { kind: filter.kind });
    if (filter.sector) {
      query.andWhere('course.id IN (SELECT course_sector.course_id FROM course_sector WHERE LOWER(course_sector.sector) = :sector)', {
        sector: filter.sector.trim().toLowerCase(),
      });
    }
    return query
      .orderBy(`CASE course.kind WHEN 'NATIONAL_COURSE' THEN 0 WHEN 'MOOC' THEN 1 WHEN 'COURSE' THEN 2 ELSE 3 END`, 'ASC')
      .addOrderBy('course.title', 'ASC')
      .addOrderBy('course.id', 'ASC')
      .getMany();
  }

  findSectors(courseIds: readonly string[]): Promise<CourseSectorEntity[]> {
    return this.manager.getRepository(CourseSectorEntity).find({ where: { courseId: In([...courseIds]) }, order: { courseId: 'ASC', position: 'ASC' } });
  }

  findByProviderIds(providerIds: readonly string[]): Promise<CourseEntity[]> {
    return this.manager.getRepository(CourseEntity).find({ where: { providerId: In([...providerIds]) }, order: { title: 'ASC', id: 'ASC' } });
  }
}
