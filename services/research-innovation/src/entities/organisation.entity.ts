import { IdColumn, PlaceholderColumn, TextColumn } from '@nlai/database';
import { Entity, Index } from 'typeorm';

export type OrganisationKind = 'KNOWLEDGE_INSTITUTION' | 'COMPANY' | 'PUBLIC_ORGANISATION' | 'NON_PROFIT';

/** A knowledge institution, company, public organisation or non-profit taking part in the network. */
@Entity({ name: 'organisation' })
export class OrganisationEntity {
  @IdColumn()
  id!: string;

  @Index('uq_organisation_name', { unique: true })
  @TextColumn(200)
  name!: string;

  @Index('ix_organisation_kind')
  @TextColumn(32)
  kind!: OrganisationKind;

  /** Research Organization Registry id (9 characters), where known. */
  @Index('uq_organisation_ror', { unique: true })
  @TextColumn(9, { name: 'ror_id', nullable: true })
  rorId!: string | null;

  /** ISO 3166-1 alpha-2 code of the country of its seat. */
  @TextColumn(2)
  country!: string;

  /** True when no public source names this organisation: sample data only. */
  @PlaceholderColumn()
  placeholder!: boolean;
}
