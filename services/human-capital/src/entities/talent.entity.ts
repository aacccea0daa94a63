import { IdColumn, KeyColumn, TextColumn, YearColumn } from '@nlai/database';
import { Column, Entity, Index } from 'typeorm';

export type CareerStage = 'PHD_CANDIDATE' | 'POSTDOC' | 'GRADUATED' | 'LEFT';
export type TalentOrigin = 'DOMESTIC' | 'INTERNATIONAL';

/**
 * A person trained in a lab: personal data, so only a pseudonymous id and
 * what the network's questions need (no name, birth date, gender, nationality).
 */
@Entity({ name: 'talent' })
@Index('ix_talent_lab_start', ['labId', 'startYear', 'id'])
@Index('ix_talent_start', ['startYear', 'id'])
export class TalentEntity {
  @IdColumn(32)
  id!: string;

  /** Entity key of a Lab of the Research & Innovation subgraph; no foreign key across databases. */
  @KeyColumn('lab_id')
  labId!: string;

  @Index('ix_talent_stage')
  @TextColumn(16)
  stage!: CareerStage;

  @Index('ix_talent_origin')
  @TextColumn(16)
  origin!: TalentOrigin;

  @YearColumn('start_year')
  startYear!: number;

  @YearColumn('end_year', { nullable: true })
  endYear!: number | null;

  /**
   * Random, secret, fixed for life: the person's record key for the cell key
   * method of the public figures. Optional here because the repository gives
   * a new person one when it inserts them.
   */
  @Column({ name: 'record_key', type: 'int', default: 0 })
  recordKey?: number;
}
