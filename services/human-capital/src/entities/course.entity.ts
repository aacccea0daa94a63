import { IdColumn, KeyColumn, PlaceholderColumn, TextColumn, YearColumn } from '@nlai/database';
import { Entity, Index } from 'typeorm';

export type CourseKind = 'NATIONAL_COURSE' | 'MOOC' | 'COURSE' | 'TRAINING';

/** An AI course. Its sectors live in their own table, to filter on an index. */
@Entity({ name: 'course' })
export class CourseEntity {
  @IdColumn()
  id!: string;

  @TextColumn(200)
  title!: string;

  @Index('ix_course_kind')
  @TextColumn(32)
  kind!: CourseKind;

  /** Entity key of an Organisation of the Research & Innovation subgraph. */
  @Index('ix_course_provider')
  @KeyColumn('provider_id', { nullable: true })
  providerId!: string | null;

  /** True for a sample stand-in, not a course a public source lists. */
  @PlaceholderColumn()
  placeholder!: boolean;

  @YearColumn('launch_year', { nullable: true })
  launchYear!: number | null;
}
