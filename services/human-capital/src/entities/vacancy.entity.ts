import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** An organisation looking for AI talent. Its themes live in their own table. */
@Entity({ name: 'vacancy' })
@Index('ix_vacancy_posted', ['postedYear', 'id'])
export class VacancyEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  id!: string;

  @Column({ type: 'varchar', length: 200 })
  title!: string;

  /** Entity key of an Organisation of the Research & Innovation subgraph. */
  @Index('ix_vacancy_organisation')
  @Column({ name: 'organisation_id', type: 'varchar', length: 64 })
  organisationId!: string;

  @Column({ name: 'posted_year', type: 'int' })
  postedYear!: number;

  @Column({ type: 'boolean', default: false })
  placeholder!: boolean;
}
