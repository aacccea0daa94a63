import { manyPer, onePer } from '@nlai/database';
import { toConnection, type Connection, type PageRequest } from '@nlai/paging';
import DataLoader from 'dataloader';
import type { CourseEntity, PlacementEntity, TalentEntity, VacancyEntity } from './entities';
import { talentOrdering, type Repositories, type TalentCounts, type TalentFilter } from './repositories';

const noTalent: TalentCounts = { total: 0, graduated: 0, retainedInNetherlands: 0 };

/** Makes one value per distinct argument list: a field with arguments gets one loader per argument set. */
function perArguments<Args extends unknown[], Value>(make: (...args: Args) => Value): (...args: Args) => Value {
  const made = new Map<string, Value>();
  return (...args) => {
    const key = JSON.stringify(args);
    let value = made.get(key);
    if (value === undefined) made.set(key, (value = make(...args)));
    return value;
  };
}

/**
 * Per-request batch loaders: each turns the N lookups of one execution step
 * (including the gateway's entity representations, duplicates and all) into
 * one query.
 */
export function createLoaders({ talents, placements, courses, vacancies }: Repositories) {
  const talentCountOfLab = perArguments(
    (filter: TalentFilter) =>
      new DataLoader<string, number>(async (labIds) => {
        const counts = await talents.countPerLab(labIds, filter);
        return labIds.map((labId) => counts.get(labId) ?? 0);
      }),
  );

  return {
    talentById: new DataLoader<string, TalentEntity | null>(async (ids) => onePer(ids, await talents.findByIds(ids), (talent) => talent.id)),
    /** One page of each lab's people: a single windowed query for all labs of the step. */
    talentPageOfLab: perArguments(
      (filter: TalentFilter, page: PageRequest) =>
        new DataLoader<string, Connection<TalentEntity>>(async (labIds) => {
          const pages = manyPer(labIds, await talents.findPagePerLab(labIds, filter, page), (talent) => talent.labId);
          return pages.map((rows, index) => toConnection(rows, page, talentOrdering, () => talentCountOfLab(filter).load(labIds[index]!)));
        }),
    ),
    talentCountsOfLab: new DataLoader<string, TalentCounts>(async (labIds) => {
      const counts = await talents.countsPerLab(labIds);
      return labIds.map((labId) => counts.get(labId) ?? noTalent);
    }),
    placementsByTalentId: new DataLoader<string, PlacementEntity[]>(async (ids) =>
      manyPer(ids, await placements.findByTalentIds(ids), (placement) => placement.talentId),
    ),
    placementsByOrganisationId: new DataLoader<string, PlacementEntity[]>(async (ids) =>
      manyPer(ids, await placements.findByOrganisationIds(ids), (placement) => placement.organisationId),
    ),
    sectorsByCourseId: new DataLoader<string, string[]>(async (ids) =>
      manyPer(ids, await courses.findSectors(ids), (row) => row.courseId).map((rows) => rows.map((row) => row.sector)),
    ),
    coursesByProviderId: new DataLoader<string, CourseEntity[]>(async (ids) => manyPer(ids, await courses.findByProviderIds(ids), (course) => course.providerId ?? '')),
    themesByVacancyId: new DataLoader<string, string[]>(async (ids) =>
      manyPer(ids, await vacancies.findThemes(ids), (row) => row.vacancyId).map((rows) => rows.map((row) => row.theme)),
    ),
    vacanciesByOrganisationId: new DataLoader<string, VacancyEntity[]>(async (ids) =>
      manyPer(ids, await vacancies.findByOrganisationIds(ids), (vacancy) => vacancy.organisationId),
    ),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
