import { IdColumn, KeyColumn, TextColumn, YearColumn } from '@nlai/database';
import { Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { LabEntity } from './lab.entity';
import { OrganisationEntity } from './organisation.entity';

export type PartnerRole = 'KNOWLEDGE_PARTNER' | 'EXTERNAL_PARTNER';

/** An organisation running a lab: a dated link, an open end meaning "current". */
@Entity({ name: 'partnership' })
export class PartnershipEntity {
  @IdColumn()
  id!: string;

  @Index('ix_partnership_lab')
  @KeyColumn('lab_id')
  labId!: string;

  @ManyToOne(() => LabEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'lab_id', foreignKeyConstraintName: 'fk_partnership_lab' })
  lab?: LabEntity;

  @Index('ix_partnership_organisation')
  @KeyColumn('organisation_id')
  organisationId!: string;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organisation_id', foreignKeyConstraintName: 'fk_partnership_organisation' })
  organisation?: OrganisationEntity;

  @TextColumn(32)
  role!: PartnerRole;

  @YearColumn('start_year', { nullable: true })
  startYear!: number | null;

  @YearColumn('end_year', { nullable: true })
  endYear!: number | null;
}
