import type { Context } from '../context';
import type { CourseEntity } from '../entities';

export const Course = {
  provider: (course: CourseEntity) => (course.providerId ? { id: course.providerId } : null),
  sectors: (course: CourseEntity, _: unknown, { loaders }: Context) => loaders.sectorsByCourseId.load(course.id),
};
