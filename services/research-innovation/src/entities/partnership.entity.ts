import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { LabEntity } from './lab.entity';
import { OrganisationEntity } from './organisation.entity';

export type PartnerRole = 'KNOWLEDGE_PARTNER' | 'EXTERNAL_PARTNER';

/** An organisation running a lab: a dated link, an open end meaning "current". */
@Entity({ name: 'partnership' })
export class PartnershipEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  id!: string;

  @Index('ix_partnership_lab')
  @Column({ name: 'lab_id', type: 'varchar', length: 64 })
  labId!: string;

  @ManyToOne(() => LabEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'lab_id', foreignKeyConstraintName: 'fk_partnership_lab' })
  lab?: LabEntity;

  @Index('ix_partnership_organisation')
  @Column({ name: 'organisation_id', type: 'varchar', length: 64 })
  organisationId!: string;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organisation_id', foreignKeyConstraintName: 'fk_partnership_organisation' })
  organisation?: OrganisationEntity;

  @Column({ type: 'varchar', length: 32 })
  role!: PartnerRole;

  @Column({ name: 'start_year', type: 'int', nullable: true })
  startYear!: number | null;

  @Column({ name: 'end_year', type: 'int', nullable: true })
  endYear!: number | null;
}
