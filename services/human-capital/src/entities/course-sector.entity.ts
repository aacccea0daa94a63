import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { CourseEntity } from './course.entity';

/** One sector a course is meant for. */
@Entity({ name: 'course_sector' })
@Index('ix_course_sector_sector', ['sector', 'courseId'])
export class CourseSectorEntity {
  @PrimaryColumn({ name: 'course_id', type: 'varchar', length: 64 })
  courseId!: string;

  @PrimaryColumn({ type: 'varchar', length: 80 })
  sector!: string;

  @Column({ type: 'int' })
  position!: number;

  @ManyToOne(() => CourseEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'course_id', foreignKeyConstraintName: 'fk_course_sector_course' })
  course?: CourseEntity;
}
