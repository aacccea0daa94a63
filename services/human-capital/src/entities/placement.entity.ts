import { IdColumn, KeyColumn, TextColumn, YearColumn } from '@nlai/database';
import { Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { TalentEntity } from './talent.entity';

/** Where a person went to work: a dated link, an open end meaning "current". */
@Entity({ name: 'placement' })
@Index('ix_placement_talent', ['talentId', 'startYear', 'id'])
@Index('ix_placement_organisation', ['organisationId', 'startYear', 'id'])
export class PlacementEntity {
  @IdColumn(32)
  id!: string;

  @KeyColumn('talent_id', { length: 32 })
  talentId!: string;

  @ManyToOne(() => TalentEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'talent_id', foreignKeyConstraintName: 'fk_placement_talent' })
  talent?: TalentEntity;

  /** Entity key of an Organisation of the Research & Innovation subgraph. */
  @KeyColumn('organisation_id')
  organisationId!: string;

  /** The employer's kind when the placement was recorded (a snapshot: the organisation lives in another subgraph). */
  @TextColumn(32, { name: 'organisation_kind', nullable: true })
  organisationKind!: string | null;

  /** ISO 3166-1 alpha-2. */
  @TextColumn(2)
  country!: string;

  @TextColumn(80, { nullable: true })
  sector!: string | null;

  @YearColumn('start_year')
  startYear!: number;

  @YearColumn('end_year', { nullable: true })
  endYear!: number | null;
}
