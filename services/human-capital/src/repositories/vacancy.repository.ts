import { EntityRepository } from '@nlai/database';
import { entityOrdering, keysetConnection, orderingFor, type Connection } from '@nlai/paging';
import type { SelectQueryBuilder } from 'typeorm';
import { VacancyEntity, vacancyThemes } from '../entities';
import type { QueryVacanciesArgs, VacancyFilter, VacancyOrder, VacancyThemeCount } from '../generated/resolvers-types';

/** Most recently posted first. */
const byPostedYear = entityOrdering<VacancyEntity>('vacancies:newest', 'vacancy', [
  { column: 'postedYear', direction: 'DESC', type: 'number' },
]);

/** The ordering of the vacancies list for an `orderBy` argument; most recent first when none is given. */
const vacancyOrdering = (orderBy?: VacancyOrder | null) =>
  orderingFor({ POSTED_YEAR: { ordering: byPostedYear, natural: 'DESC' } }, orderBy, 'POSTED_YEAR');

/** Vacancy reads. */
export class VacancyRepository extends EntityRepository.of(VacancyEntity, 'vacancy') {
  private filtered(filter: VacancyFilter): SelectQueryBuilder<VacancyEntity> {
    return vacancyThemes.whereLabelled(this.whereEqual(this.query(), { organisationId: filter.organisationId }), 'vacancy', filter.theme);
  }

  /** The `vacancies` list: one page of the vacancies matching the filter, in the order asked for. */
  list(args: QueryVacanciesArgs): Promise<Connection<VacancyEntity>> {
    return keysetConnection(args, vacancyOrdering(args.orderBy), () => this.filtered(args.filter ?? {}));
  }

  /**
   * The `perTheme` most recent vacancies of each theme (lowercased), in one
   * windowed query: the most recent N of any set of themes are among them.
   * The answer is bounded; the window still reads every vacancy of these
   * themes (themes are matched case-blind, so no index orders them).
   */
  themeMatches(themes: readonly string[], perTheme: number): Promise<Array<{ vacancyId: string; theme: string }>> {
    const ranked = this.manager
      .getRepository(vacancyThemes.entity)
      .createQueryBuilder('vacancy_theme')
      .innerJoin('vacancy_theme.vacancy', 'vacancy')
      .select('vacancy_theme.vacancyId', 'vacancyId')
      .addSelect('LOWER(vacancy_theme.theme)', 'theme')
      .addSelect('ROW_NUMBER() OVER (PARTITION BY LOWER(vacancy_theme.theme) ORDER BY vacancy.postedYear DESC, vacancy.id ASC)', 'recency')
      .where('LOWER(vacancy_theme.theme) IN (:...themes)', { themes });
    return this.manager
      .createQueryBuilder()
      .select('ranked.vacancyId', 'vacancyId')
      .addSelect('ranked.theme', 'theme')
      .from(`(${ranked.getQuery()})`, 'ranked')
      .where('ranked.recency <= :perTheme', { perTheme })
      .setParameters(ranked.getParameters())
      .getRawMany();
  }

  /** These vacancies, most recent first. */
  override findByIds(ids: readonly string[]): Promise<VacancyEntity[]> {
    return this.findWhereIn('id', ids, { postedYear: 'DESC', id: 'ASC' });
  }

  /** Vacancies per theme, most first: one GROUP BY. */
  async countsByTheme(): Promise<VacancyThemeCount[]> {
    const rows = await this.manager
      .getRepository(vacancyThemes.entity)
      .createQueryBuilder('vacancy_theme')
      .select('vacancy_theme.theme', 'theme')
      .addSelect('COUNT(*)', 'vacancies')
      .groupBy('vacancy_theme.theme')
      .orderBy('vacancies', 'DESC')
      .addOrderBy('theme', 'ASC')
      .getRawMany<{ theme: string; vacancies: string | number }>();
    return rows.map((row) => ({ theme: row.theme, vacancies: Number(row.vacancies) }));
  }

  /** The themes of each of these vacancies, in display order. */
  themesOf(vacancyIds: readonly string[]): Promise<string[][]> {
    return vacancyThemes.labelsOf(this.manager, vacancyIds);
  }

  findByOrganisationIds(organisationIds: readonly string[]): Promise<VacancyEntity[]> {
    return this.findWhereIn('organisationId', organisationIds, { postedYear: 'DESC', id: 'ASC' });
  }
}
