import { graphql, testDialects, type GraphQLResult, answerOf } from '@nlai/testing';
import { useHumanCapital } from './start';

type Course = { id: string; title: string; kind: string; sectors: string[]; launchYear: number | null; provider: { id: string } | null };
type Vacancy = { id: string; postedYear: number; themes: string[]; organisation: { id: string } };
type Page = {
  totalCount: number;
  edges: Array<{ node: Vacancy }>;
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; endCursor: string | null };
};

const kindOrder = ['NATIONAL_COURSE', 'MOOC', 'COURSE', 'TRAINING'];
const codes = (result: GraphQLResult<unknown>) => result.errors?.map((error) => error.extensions?.code);
const vacanciesQuery = `query($first: Int, $after: String, $filter: VacancyFilter, $orderBy: VacancyOrder) {
  vacancies(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {
    totalCount edges { node { id postedYear themes organisation { id } } } pageInfo { hasNextPage hasPreviousPage endCursor } } }`;

describe.each(testDialects())('courses and vacancies (%s)', (dialect) => {
  const server = useHumanCapital(dialect, 'hc-courses');
  const ask = <Data>(query: string, variables: Record<string, unknown> = {}) => answerOf<Data>(server().url, query, { variables });
  const courses = async (args = '') =>
    (await ask<{ courses: Course[] }>(`{ courses${args} { id title kind sectors launchYear provider { id } } }`)).courses;
  const vacancies = async (variables: Record<string, unknown>) => (await ask<{ vacancies: Page }>(vacanciesQuery, variables)).vacancies;
  const allVacancies = async () => {
    const found: Vacancy[] = [];
    let after: string | null = null;
    do {
      const next: Page = await vacancies({ first: 100, after });
      found.push(...next.edges.map((edge) => edge.node));
      after = next.pageInfo.hasNextPage ? next.pageInfo.endCursor : null;
    } while (after);
    return found;
  };

  describe('courses', () => {
    it('lists the national course first, then MOOCs, courses and trainings, each by title', async () => {
      const all = await courses();
      expect(all.map((course) => course.kind)).toEqual(
        [...all.map((course) => course.kind)].sort((a, b) => kindOrder.indexOf(a) - kindOrder.indexOf(b)),
      );
      expect(all.filter((course) => course.kind === 'NATIONAL_COURSE')).toHaveLength(1);
      expect(all.filter((course) => course.kind === 'MOOC').map((course) => course.title)).toEqual([
        'AI in Practice: Applying AI',
        'AI in Practice: Preparing for AI',
      ]);
      expect((await courses('(orderBy: { field: KIND, direction: DESC })')).map((course) => course.kind)[0]).toBe(all.at(-1)!.kind);
    });

    it('orders by title either way, and by launch year newest first with courses without one last', async () => {
      const byTitle = await courses('(orderBy: { field: TITLE })');
      expect((await courses('(orderBy: { field: TITLE, direction: DESC })')).map((course) => course.id)).toEqual(
        byTitle.map((course) => course.id).reverse(),
      );
      for (const [direction, sorted] of [
        ['', (a: number, b: number) => b - a],
        [', direction: ASC', (a: number, b: number) => a - b],
      ] as const) {
        const byYear = await courses(`(orderBy: { field: LAUNCH_YEAR${direction} })`);
        const years = byYear.map((course) => course.launchYear);
        const known = years.filter((year): year is number => year !== null);
        expect(known).toEqual([...known].sort(sorted));
        expect(years.slice(known.length).every((year) => year === null)).toBe(true);
      }
    });

    it('filters by kind, and by sector in any letter case', async () => {
      const all = await courses();
      expect((await courses('(filter: { kind: MOOC })')).map((course) => course.id)).toEqual(
        all.filter((course) => course.kind === 'MOOC').map((course) => course.id),
      );
      const health = await courses('(filter: { sector: " HEALTH " })');
      expect(health.map((course) => course.id).sort()).toEqual(
        all
          .filter((course) => course.sectors.some((sector) => sector.toLowerCase() === 'health'))
          .map((course) => course.id)
          .sort(),
      );
      expect(health.length).toBeGreaterThan(0);
      expect(await courses('(filter: { sector: "astrology" })')).toEqual([]);
    });

    it('counts courses per sector and per kind as the list does, most first', async () => {
      const all = await courses();
      const { courseFigures } = await ask<{
        courseFigures: { bySector: Array<{ sector: string; courses: number }>; byKind: Array<{ kind: string; courses: number }> };
      }>('{ courseFigures { bySector { sector courses } byKind { kind courses } } }');
      const tally = (keys: string[]) =>
        keys.reduce((counts, key) => counts.set(key, (counts.get(key) ?? 0) + 1), new Map<string, number>());
      expect(new Map(courseFigures.byKind.map((row) => [row.kind, row.courses]))).toEqual(tally(all.map((course) => course.kind)));
      expect(new Map(courseFigures.bySector.map((row) => [row.sector, row.courses]))).toEqual(
        tally(all.flatMap((course) => course.sectors)),
      );
      for (const counts of [courseFigures.byKind.map((row) => row.courses), courseFigures.bySector.map((row) => row.courses)])
        expect(counts).toEqual([...counts].sort((a, b) => b - a));
    });

    it('gives each provider its courses, by title', async () => {
      const all = await courses();
      const providers = [...new Set(all.flatMap((course) => (course.provider ? [course.provider.id] : [])))];
      const { _entities } = await ask<{ _entities: Array<{ id: string; courses: Array<{ id: string }> }> }>(
        'query($r: [_Any!]!) { _entities(representations: $r) { ... on Organisation { id courses { id } } } }',
        { r: providers.map((id) => ({ __typename: 'Organisation', id })) },
      );
      for (const provider of _entities)
        expect(provider.courses.map((course) => course.id).sort()).toEqual(
          all
            .filter((course) => course.provider?.id === provider.id)
            .map((course) => course.id)
            .sort(),
        );
    });
  });

  describe('vacancies', () => {
    it('lists the most recently posted first (then by id), oldest first on request, each once whatever the page size', async () => {
      const all = await allVacancies();
      expect(all.map((vacancy) => vacancy.id)).toEqual(
        [...all].sort((a, b) => b.postedYear - a.postedYear || (a.id < b.id ? -1 : 1)).map((vacancy) => vacancy.id),
      );
      const seen: string[] = [];
      let after: string | null = null;
      do {
        const next: Page = await vacancies({ first: 4, after });
        expect(next.pageInfo.hasPreviousPage).toBe(after !== null);
        seen.push(...next.edges.map((edge) => edge.node.id));
        after = next.pageInfo.hasNextPage ? next.pageInfo.endCursor : null;
      } while (after);
      expect(seen).toEqual(all.map((vacancy) => vacancy.id));
      const oldest = (await vacancies({ first: 100, orderBy: { field: 'POSTED_YEAR', direction: 'ASC' } })).edges.map(
        (edge) => edge.node.postedYear,
      );
      expect(oldest).toEqual([...oldest].sort((a, b) => a - b));
    });

    it.each<[string, Record<string, unknown>, (vacancy: Vacancy) => boolean]>([
      [
        'theme, in any letter case',
        { theme: ' MEDICAL IMAGING ' },
        (vacancy) => vacancy.themes.some((theme) => theme.toLowerCase() === 'medical imaging'),
      ],
      ['organisation', { organisationId: 'philips' }, (vacancy) => vacancy.organisation.id === 'philips'],
      ['a theme nobody asks for', { theme: 'astrology' }, () => false],
    ])('filters by %s, with the filtered total', async (_name, filter, matches) => {
      const expected = (await allVacancies()).filter(matches).map((vacancy) => vacancy.id);
      const found = await vacancies({ first: 100, filter });
      expect(found.edges.map((edge) => edge.node.id)).toEqual(expected);
      expect(found.totalCount).toBe(expected.length);
    });

    it('gives each organisation its vacancies', async () => {
      const all = await allVacancies();
      const { _entities } = await ask<{ _entities: Array<{ id: string; vacancies: Array<{ id: string }> }> }>(
        'query($r: [_Any!]!) { _entities(representations: $r) { ... on Organisation { id vacancies { id } } } }',
        { r: ['philips', 'ing', 'nobody'].map((id) => ({ __typename: 'Organisation', id })) },
      );
      for (const organisation of _entities)
        expect(organisation.vacancies.map((vacancy) => vacancy.id).sort()).toEqual(
          all
            .filter((vacancy) => vacancy.organisation.id === organisation.id)
            .map((vacancy) => vacancy.id)
            .sort(),
        );
    });

    it('counts vacancies per theme as the list does, most first', async () => {
      const all = await allVacancies();
      const { vacancyFigures } = await ask<{ vacancyFigures: { byTheme: Array<{ theme: string; vacancies: number }> } }>(
        '{ vacancyFigures { byTheme { theme vacancies } } }',
      );
      const tally = new Map<string, number>();
      for (const theme of all.flatMap((vacancy) => vacancy.themes)) tally.set(theme, (tally.get(theme) ?? 0) + 1);
      expect(new Map(vacancyFigures.byTheme.map((row) => [row.theme, row.vacancies]))).toEqual(tally);
      const counts = vacancyFigures.byTheme.map((row) => row.vacancies);
      expect(counts).toEqual([...counts].sort((a, b) => b - a));
    });

    it('answers first: 0 with the count alone and refuses bad pages and cursors', async () => {
      expect(await vacancies({ first: 0 })).toMatchObject({
        edges: [],
        pageInfo: { hasNextPage: true, hasPreviousPage: false, endCursor: null },
      });
      expect(codes(await graphql(server().url, vacanciesQuery, { variables: { first: 101 } }))).toEqual(['PAGE_SIZE_EXCEEDED']);
      expect(codes(await graphql(server().url, vacanciesQuery, { variables: { first: 1, after: 'bm90LW91cnM' } }))).toEqual([
        'INVALID_CURSOR',
      ]);
    });
  });
});
