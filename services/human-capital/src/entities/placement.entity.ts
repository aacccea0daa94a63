import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { TalentEntity } from './talent.entity';

/** Where a person went to work: a dated link, an open end meaning "current". */
@Entity({ name: 'placement' })
@Index('ix_placement_talent', ['talentId', 'startYear', 'id'])
@Index('ix_placement_organisation', ['organisationId', 'startYear', 'id'])
export class PlacementEntity {
  @PrimaryColumn({ type: 'varchar', length: 32 })
  id!: string;

  @Column({ name: 'talent_id', type: 'varchar', length: 32 })
  talentId!: string;

  @ManyToOne(() => TalentEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'talent_id', foreignKeyConstraintName: 'fk_placement_talent' })
  talent?: TalentEntity;

  /** Entity key of an Organisation of the Research & Innovation subgraph. */
  @Column({ name: 'organisation_id', type: 'varchar', length: 64 })
  organisationId!: string;

  /** The employer's kind when the placement was recorded (a snapshot: the organisation lives in another subgraph). */
  @Column({ name: 'organisation_kind', type: 'varchar', length: 32, nullable: true })
  organisationKind!: string | null;

  /** ISO 3166-1 alpha-2. */
  @Column({ type: 'varchar', length: 2 })
  country!: string;

  @Column({ type: 'varchar', length: 80, nullable: true })
  sector!: string | null;

  @Column({ name: 'start_year', type: 'int' })
  startYear!: number;

  @Column({ name: 'end_year', type: 'int', nullable: true })
  endYear!: number | null;
}
