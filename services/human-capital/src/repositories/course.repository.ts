import { EntityRepository } from '@nlai/database';
import { CourseEntity, courseSectors, type CourseKind } from '../entities';
import type { CourseFigures, CourseFilter, CourseOrder } from '../generated/resolvers-types';

/** Course reads. */
export class CourseRepository extends EntityRepository.of(CourseEntity, 'course') {
  /** Courses matching the filter; by default the national course first, then MOOCs, courses and trainings, each by title. */
  find(filter: CourseFilter, orderBy?: CourseOrder | null): Promise<CourseEntity[]> {
    const query = courseSectors.whereLabelled(this.whereEqual(this.query(), { kind: filter.kind }), 'course', filter.sector);
    const direction = orderBy?.direction ?? (orderBy?.field === 'LAUNCH_YEAR' ? 'DESC' : 'ASC');
    if (orderBy?.field === 'TITLE') query.orderBy('course.title', direction);
    else if (orderBy?.field === 'LAUNCH_YEAR') query.orderBy('course.launchYear IS NULL', 'ASC').addOrderBy('course.launchYear', direction);
    else query.orderBy(`CASE course.kind WHEN 'NATIONAL_COURSE' THEN 0 WHEN 'MOOC' THEN 1 WHEN 'COURSE' THEN 2 ELSE 3 END`, direction);
    // TypeORM keys ORDER BY by expression: the title tie-break must not undo an order by title.
    if (orderBy?.field !== 'TITLE') query.addOrderBy('course.title', 'ASC');
    return query.addOrderBy('course.id', 'ASC').getMany();
  }

  /** Courses per sector and per kind, most first: two GROUP BYs. */
  async counts(): Promise<CourseFigures> {
    const [bySector, byKind] = await Promise.all([
      this.manager
        .getRepository(courseSectors.entity)
        .createQueryBuilder('course_sector')
        .select('course_sector.sector', 'sector')
        .addSelect('COUNT(*)', 'courses')
        .groupBy('course_sector.sector')
        .orderBy('courses', 'DESC')
        .addOrderBy('sector', 'ASC')
        .getRawMany<{ sector: string; courses: string | number }>(),
      this.query()
        .select('course.kind', 'kind')
        .addSelect('COUNT(*)', 'courses')
        .groupBy('course.kind')
        .orderBy('courses', 'DESC')
        .addOrderBy('kind', 'ASC')
        .getRawMany<{ kind: CourseKind; courses: string | number }>(),
    ]);
    return {
      bySector: bySector.map((row) => ({ sector: row.sector, courses: Number(row.courses) })),
      byKind: byKind.map((row) => ({ kind: row.kind, courses: Number(row.courses) })),
    };
  }

  /** The sectors of each of these courses, in display order. */
  sectorsOf(courseIds: readonly string[]): Promise<string[][]> {
    return courseSectors.labelsOf(this.manager, courseIds);
  }

  findByProviderIds(providerIds: readonly string[]): Promise<CourseEntity[]> {
    return this.findWhereIn('providerId', providerIds, { title: 'ASC', id: 'ASC' });
  }
}
