import type { VacancyResolvers } from '../generated/resolvers-types';

export const Vacancy: VacancyResolvers = {
  organisation: (vacancy) => ({ id: vacancy.organisationId }),
  themes: (vacancy, _, { loaders }) => loaders.themesByVacancyId.load(vacancy.id),
};
