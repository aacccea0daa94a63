import type { Context } from '../context';
import type { VacancyEntity } from '../entities';

export const Vacancy = {
  organisation: (vacancy: VacancyEntity) => ({ id: vacancy.organisationId }),
  themes: (vacancy: VacancyEntity, _: unknown, { loaders }: Context) => loaders.themesByVacancyId.load(vacancy.id),
};
