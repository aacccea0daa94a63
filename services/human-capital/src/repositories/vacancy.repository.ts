import { orderAndSeek, type Ordering, type PageRequest } from '@nlai/paging';
import { In, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import { VacancyEntity, VacancyThemeEntity } from '../entities';

/** Filters of the vacancies list. */
export interface VacancyFilter {
  theme?: string | null;
  organisationId?: string | null;
}

/** Most recently posted first. */
export const vacancyOrdering: Ordering<VacancyEntity> = {
  name: 'vacancies:newest',
  keys: [
    { expression: 'vacancy.postedYear', direction: 'DESC', type: 'number' },
    { expression: 'vacancy.id', direction: 'ASC', type: 'string' },
  ],
  valuesOf: (vacancy) => [vacancy.postedYear, vacancy.id],
};

/** Vacancy reads. */
export class VacancyRepository {
  constructor(private readonly manager: EntityManager) {}

  private filtered(filter: VacancyFilter): SelectQueryBuilder<VacancyEntity> {
    const query = this.manager.getRepository(VacancyEntity).createQueryBuilder('vacancy');
    if (filter.organisationId) query.andWhere('vacancy.organisationId = :organisationId', { organisationId: filter.organisationId });
    if (filter.theme) {
      query.andWhere('vacancy.id IN (SELECT vacancy_theme.vacancy_id FROM vacancy_theme WHERE LOWER(vacancy_theme.theme) = :theme)', {
        theme: filter.theme.trim().toLowerCase(),
      });
    }
    return query;
  }

  findPage(filter: VacancyFilter, page: PageRequest): Promise<VacancyEntity[]> {
    return orderAndSeek(this.filtered(filter), vacancyOrdering, page.after).take(page.size + 1).getMany();
  }

  count(filter: VacancyFilter): Promise<number> {
    return this.filtered(filter).getCount();
  }

  findThemes(vacancyIds: readonly string[]): Promise<VacancyThemeEntity[]> {
    return this.manager.getRepository(VacancyThemeEntity).find({ where: { vacancyId: In([...vacancyIds]) }, order: { vacancyId: 'ASC', position: 'ASC' } });
  }

  findByOrganisationIds(organisationIds: readonly string[]): Promise<VacancyEntity[]> {
    return this.manager.getRepository(VacancyEntity).find({ where: { organisationId: In([...organisationIds]) }, order: { postedYear: 'DESC', id: 'ASC' } });
  }
}
