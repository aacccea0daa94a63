import type { CourseResolvers } from '../generated/resolvers-types';

export const Course: CourseResolvers = {
  provider: (course) => (course.providerId ? { id: course.providerId } : null),
  sectors: (course, _, { loaders }) => loaders.sectorsByCourseId.load(course.id),
};
