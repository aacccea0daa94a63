import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

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
  @PrimaryColumn({ type: 'varchar', length: 32 })
  id!: string;

  /** Entity key of a Lab of the Research & Innovation subgraph; no foreign key across databases. */
  @Column({ name: 'lab_id', type: 'varchar', length: 64 })
  labId!: string;

  @Index('ix_talent_stage')
  @Column({ type: 'varchar', length: 16 })
  stage!: CareerStage;

  @Index('ix_talent_origin')
  @Column({ type: 'varchar', length: 16 })
  origin!: TalentOrigin;

  @Column({ name: 'start_year', type: 'int' })
  startYear!: number;

  @Column({ name: 'end_year', type: 'int', nullable: true })
  endYear!: number | null;

  /**
   * Random, secret, fixed for life: the person's record key for the cell key
   * method of the public figures. Optional here because the repository gives
   * a new person one when it inserts them.
   */
  @Column({ name: 'record_key', type: 'int', default: 0 })
  recordKey?: number;
}
