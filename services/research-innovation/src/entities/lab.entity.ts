import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { LocationEntity } from './location.entity';

export type LabStatus = 'ACTIVE' | 'IN_DEVELOPMENT' | 'ENDED';

/** An ICAI lab. Its themes and partners live in their own tables. */
@Entity({ name: 'lab' })
@Index('ix_lab_start_year', ['startYear', 'id'])
export class LabEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  id!: string;

  @Index('uq_lab_name', { unique: true })
  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Index('ix_lab_status')
  @Column({ type: 'varchar', length: 16 })
  status!: LabStatus;

  @Index('ix_lab_location')
  @Column({ name: 'location_id', type: 'varchar', length: 64 })
  locationId!: string;

  @ManyToOne(() => LocationEntity, { nullable: false, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'location_id', foreignKeyConstraintName: 'fk_lab_location' })
  location?: LocationEntity;

  @Column({ name: 'start_year', type: 'int', nullable: true })
  startYear!: number | null;

  @Column({ name: 'end_year', type: 'int', nullable: true })
  endYear!: number | null;

  /** True when no public source names this lab: a sample stand-in. */
  @Column({ type: 'boolean', default: false })
  placeholder!: boolean;

  /** The public page the lab's facts come from. */
  @Column({ name: 'source_url', type: 'varchar', length: 500, nullable: true })
  sourceUrl!: string | null;
}
