import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export type CourseKind = 'NATIONAL_COURSE' | 'MOOC' | 'COURSE' | 'TRAINING';

/** An AI course. Its sectors live in their own table, to filter on an index. */
@Entity({ name: 'course' })
export class CourseEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  id!: string;

  @Column({ type: 'varchar', length: 200 })
  title!: string;

  @Index('ix_course_kind')
  @Column({ type: 'varchar', length: 32 })
  kind!: CourseKind;

  /** Entity key of an Organisation of the Research & Innovation subgraph. */
  @Index('ix_course_provider')
  @Column({ name: 'provider_id', type: 'varchar', length: 64, nullable: true })
  providerId!: string | null;

  @Column({ name: 'launch_year', type: 'int', nullable: true })
  launchYear!: number | null;

  @Column({ type: 'boolean', default: false })
  placeholder!: boolean;
}
