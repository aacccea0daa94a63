import { IdColumn, KeyColumn, PlaceholderColumn, TextColumn, YearColumn } from '@nlai/database';
import { Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { LocationEntity } from './location.entity';

export type LabStatus = 'ACTIVE' | 'IN_DEVELOPMENT' | 'ENDED';

/** An ICAI lab. Its themes and partners live in their own tables. */
@Entity({ name: 'lab' })
@Index('ix_lab_start_year', ['startYear', 'id'])
export class LabEntity {
  @IdColumn()
  id!: string;

  @Index('uq_lab_name', { unique: true })
  @TextColumn(200)
  name!: string;

  @Index('ix_lab_status')
  @TextColumn(16)
  status!: LabStatus;

  @Index('ix_lab_location')
  @KeyColumn('location_id')
  locationId!: string;

  @ManyToOne(() => LocationEntity, { nullable: false, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'location_id', foreignKeyConstraintName: 'fk_lab_location' })
  location?: LocationEntity;

  @YearColumn('start_year', { nullable: true })
  startYear!: number | null;

  @YearColumn('end_year', { nullable: true })
  endYear!: number | null;

  /** True when no public source names this lab: a sample stand-in. */
  @PlaceholderColumn()
  placeholder!: boolean;

  /** The public page the lab's facts come from. */
  @TextColumn(500, { name: 'source_url', nullable: true })
  sourceUrl!: string | null;
}
