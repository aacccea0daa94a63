import { IdColumn, KeyColumn, PlaceholderColumn, TextColumn, YearColumn } from '@nlai/database';
import { Entity, Index } from 'typeorm';

/** An organisation looking for AI talent. Its themes live in their own table. */
@Entity({ name: 'vacancy' })
@Index('ix_vacancy_posted', ['postedYear', 'id'])
export class VacancyEntity {
  @IdColumn()
  id!: string;

  @TextColumn(200)
  title!: string;

  /** Entity key of an Organisation of the Research & Innovation subgraph. */
  @Index('ix_vacancy_organisation')
  @KeyColumn('organisation_id')
  organisationId!: string;

  @YearColumn('posted_year')
  postedYear!: number;

  @PlaceholderColumn()
  placeholder!: boolean;
}
