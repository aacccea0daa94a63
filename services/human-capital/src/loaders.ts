import { manyPer, onePer } from '@nlai/database';
import { toConnection, type Connection, type PageRequest } from '@nlai/paging';
import DataLoader from 'dataloader';
import type { CourseEntity, FigureReleaseEntity, PlacementEntity, TalentEntity, VacancyEntity } from './entities';
import type { TalentFilter, TalentOrder } from './generated/resolvers-types';
import { talentOrdering, type Repositories } from './repositories';
import { addCells, type FigureCells } from './services/talent-figures';

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

/** Runs `load` once, on first use, and keeps its promise. */
function once<Value>(load: () => Promise<Value>): () => Promise<Value> {
  let promise: Promise<Value> | undefined;
  return () => (promise ??= load());
}

/**
 * Per-request batch loaders: each turns the N lookups of one execution step
 * (including the gateway's entity representations, duplicates and all) into
 * one query.
 */
export function createLoaders({ talents, placements, courses, vacancies, releases }: Repositories) {
  const talentCountOfLab = perArguments(
    (filter: TalentFilter) =>
      new DataLoader<string, number>(async (labIds) => {
        const counts = await talents.countPerLab(labIds, filter);
        return labIds.map((labId) => counts.get(labId) ?? 0);
      }),
  );

  return {
    talentById: new DataLoader<string, TalentEntity | null>(async (ids) =>
      onePer(ids, await talents.findByIds(ids), (talent) => talent.id),
    ),
    /** One page of each lab's people: a single windowed query for all labs of the step. */
    talentPageOfLab: perArguments(
      (filter: TalentFilter, orderBy: TalentOrder | null, page: PageRequest) =>
        new DataLoader<string, Connection<TalentEntity>>(async (labIds) => {
          const ordering = talentOrdering(orderBy);
          const pages = manyPer(labIds, await talents.findPagePerLab(labIds, filter, ordering, page), (talent) => talent.labId);
          return pages.map((rows, index) => toConnection(rows, page, ordering, () => talentCountOfLab(filter).load(labIds[index]!)));
        }),
    ),
    /** Exact, live cells of each lab's figures: four queries for all labs of the step. */
    liveCellsOfLab: new DataLoader<string, FigureCells>(async (labIds) => {
      const cells = await talents.cellsPerLab(labIds);
      return labIds.map((labId) => cells.get(labId) ?? new Map());
    }),
    /** Exact, live cells of the whole network, from all its people. */
    liveNetworkCells: once(async () => addCells([...(await talents.cellsPerLab(null)).values()])),
    /** The release that public figures of this request come from (one per request, even if a new one appears meanwhile). */
    latestRelease: once((): Promise<FigureReleaseEntity | null> => releases.latest()),
    /** A release's cells of each lab (or of the network): one query for all groups of the step. */
    releasedCells: perArguments(
      (releaseId: string) =>
        new DataLoader<string, FigureCells>(async (groupIds) => {
          const cells = await releases.cellsOf(releaseId, groupIds);
          return groupIds.map((groupId) => cells.get(groupId) ?? new Map());
        }),
    ),
    /** The `first` most recent vacancies asking for any of a lab's themes: two queries for all labs of the step, whatever the data's size. */
    vacanciesMatchingThemes: perArguments(
      (first: number) =>
        new DataLoader<readonly string[], VacancyEntity[], string>(
          async (themeLists) => {
            const wanted = themeLists.map((themes) => new Set(themes.map((theme) => theme.toLowerCase())));
            const every = [...new Set(wanted.flatMap((themes) => [...themes]))];
            if (every.length === 0 || first === 0) return themeLists.map(() => []);
            const matches = await vacancies.themeMatches(every, first);
            const matchedIds = wanted.map(
              (themes) => new Set(matches.filter((match) => themes.has(match.theme)).map((match) => match.vacancyId)),
            );
            const found = await vacancies.findByIds([...new Set(matchedIds.flatMap((ids) => [...ids]))]);
            return matchedIds.map((ids) => found.filter((vacancy) => ids.has(vacancy.id)).slice(0, first));
          },
          { cacheKeyFn: (themes) => JSON.stringify([...themes].map((theme) => theme.toLowerCase()).sort()) },
        ),
    ),
    placementsByTalentId: new DataLoader<string, PlacementEntity[]>(async (ids) =>
      manyPer(ids, await placements.findByTalentIds(ids), (placement) => placement.talentId),
    ),
    placementsByOrganisationId: new DataLoader<string, PlacementEntity[]>(async (ids) =>
      manyPer(ids, await placements.findByOrganisationIds(ids), (placement) => placement.organisationId),
    ),
    sectorsByCourseId: new DataLoader<string, string[]>(async (ids) => courses.sectorsOf(ids)),
    coursesByProviderId: new DataLoader<string, CourseEntity[]>(async (ids) =>
      manyPer(ids, await courses.findByProviderIds(ids), (course) => course.providerId ?? ''),
    ),
    themesByVacancyId: new DataLoader<string, string[]>(async (ids) => vacancies.themesOf(ids)),
    vacanciesByOrganisationId: new DataLoader<string, VacancyEntity[]>(async (ids) =>
      manyPer(ids, await vacancies.findByOrganisationIds(ids), (vacancy) => vacancy.organisationId),
    ),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
