import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export type OrganisationKind = 'KNOWLEDGE_INSTITUTION' | 'COMPANY' | 'PUBLIC_ORGANISATION' | 'NON_PROFIT';

/** A knowledge institution, company, public organisation or non-profit taking part in the network. */
@Entity({ name: 'organisation' })
export class OrganisationEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  id!: string;

  @Index('uq_organisation_name', { unique: true })
  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Index('ix_organisation_kind')
  @Column({ type: 'varchar', length: 32 })
  kind!: OrganisationKind;

  /** Research Organization Registry id (9 characters), where known. */
  @Index('uq_organisation_ror', { unique: true })
  @Column({ name: 'ror_id', type: 'varchar', length: 9, nullable: true })
  rorId!: string | null;

  /** ISO 3166-1 alpha-2 code of the country of its seat. */
  @Column({ type: 'varchar', length: 2 })
  country!: string;

  /** True when no public source names this organisation: sample data only. */
  @Column({ type: 'boolean', default: false })
  placeholder!: boolean;
}
