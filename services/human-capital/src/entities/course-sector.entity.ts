import { LabelTable } from '@nlai/database';
import { CourseEntity } from './course.entity';

/** The sectors each course is meant for, in display order. */
export const courseSectors = new LabelTable({ owner: 'course', ownerEntity: () => CourseEntity, label: 'sector' });
