import { graphql, testDialects, tokenWith, type GraphQLResult } from '@nlai/testing';
import { useHumanCapital } from './start';

const reader = tokenWith('talent:read');
type Person = { id: string; stage: string; origin: string; startYear: number; lab: { id: string } };
type Page = {
  totalCount: number;
  edges: Array<{ cursor: string; node: Person }>;
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
};
const page =
  'totalCount edges { cursor node { id stage origin startYear lab { id } } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor }';
const talentsQuery = `query($first: Int, $after: String, $filter: TalentFilter, $orderBy: TalentOrder) { talents(first: $first, after: $after, filter: $filter, orderBy: $orderBy) { ${page} } }`;
const labTalentQuery = `query($r: [_Any!]!, $first: Int, $after: String, $filter: TalentFilter, $orderBy: TalentOrder) {
  _entities(representations: $r) { ... on Lab { id talent(first: $first, after: $after, filter: $filter, orderBy: $orderBy) { ${page} } } } }`;
const codes = (result: GraphQLResult<unknown>) => result.errors?.map((error) => error.extensions?.code);

describe.each(testDialects())('the talent lists (%s)', (dialect) => {
  const server = useHumanCapital(dialect, 'hc-talent-lists');
  const talents = async (variables: Record<string, unknown>) => {
    const result = await graphql<{ talents: Page }>(server().url, talentsQuery, { token: reader, variables });
    expect(result.errors).toBeUndefined();
    return result.data!.talents;
  };
  const everyone = async () => {
    const people: Person[] = [];
    let after: string | null = null;
    do {
      const next: Page = await talents({ first: 100, after });
      people.push(...next.edges.map((edge) => edge.node));
      after = next.pageInfo.hasNextPage ? next.pageInfo.endCursor : null;
    } while (after);
    return people;
  };
  const byNewest = (a: Person, b: Person) => b.startYear - a.startYear || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

  it('lists everyone newest start first (then by id), oldest first on request, each exactly once', async () => {
    const people = await everyone();
    expect(people.length).toBe((await talents({ first: 0 })).totalCount);
    expect(new Set(people.map((person) => person.id)).size).toBe(people.length);
    expect(people.map((person) => person.id)).toEqual([...people].sort(byNewest).map((person) => person.id));
    const oldest = await talents({ first: 100, orderBy: { field: 'START_YEAR', direction: 'ASC' } });
    const years = oldest.edges.map((edge) => edge.node.startYear);
    expect(years).toEqual([...years].sort((a, b) => a - b));
    expect(years[0]).toBe(Math.min(...people.map((person) => person.startYear)));
  });

  it.each<[string, Record<string, unknown>, (person: Person) => boolean]>([
    ['stage', { stage: 'GRADUATED' }, (person) => person.stage === 'GRADUATED'],
    ['origin', { origin: 'INTERNATIONAL' }, (person) => person.origin === 'INTERNATIONAL'],
    ['lab', { labId: 'quva-lab' }, (person) => person.lab.id === 'quva-lab'],
    ['start year', { startYear: 2020 }, (person) => person.startYear === 2020],
    [
      'all together',
      { stage: 'GRADUATED', origin: 'DOMESTIC', labId: 'civic-ai-lab' },
      (person) => person.stage === 'GRADUATED' && person.origin === 'DOMESTIC' && person.lab.id === 'civic-ai-lab',
    ],
    ['a lab without people', { labId: 'no-such-lab' }, () => false],
  ])('filters by %s, with the filtered total, paging through it', async (_name, filter, matches) => {
    const expected = (await everyone()).filter(matches).map((person) => person.id);
    const seen: string[] = [];
    let after: string | null = null;
    let total = -1;
    do {
      const next: Page = await talents({ first: 3, after, filter });
      total = next.totalCount;
      seen.push(...next.edges.map((edge) => edge.node.id));
      after = next.pageInfo.hasNextPage ? next.pageInfo.endCursor : null;
    } while (after);
    expect(seen).toEqual(expected);
    expect(total).toBe(expected.length);
  });

  it('pages one lab’s people, and several labs’ people at once, with the same cursors as the list', async () => {
    const ofLab = async (labIds: string[], variables: Record<string, unknown>) => {
      const result = await graphql<{ _entities: Array<{ id: string; talent: Page }> }>(server().url, labTalentQuery, {
        token: reader,
        variables: { r: labIds.map((id) => ({ __typename: 'Lab', id })), ...variables },
      });
      expect(result.errors).toBeUndefined();
      return result.data!._entities;
    };
    for (const orderBy of [undefined, { field: 'START_YEAR', direction: 'ASC' }]) {
      const expected = (await talents({ first: 100, filter: { labId: 'quva-lab' }, orderBy })).edges.map((edge) => edge.node.id);
      const seen: string[] = [];
      let after: string | null = null;
      do {
        const [lab] = await ofLab(['quva-lab'], { first: 2, after, orderBy });
        expect(lab!.talent.totalCount).toBe(expected.length);
        expect(lab!.talent.pageInfo.hasPreviousPage).toBe(after !== null);
        seen.push(...lab!.talent.edges.map((edge) => edge.node.id));
        after = lab!.talent.pageInfo.hasNextPage ? lab!.talent.pageInfo.endCursor : null;
      } while (after);
      expect(seen).toEqual(expected);
    }
    const [quva, civic] = await ofLab(['quva-lab', 'civic-ai-lab'], { first: 2, filter: { stage: 'GRADUATED' } });
    expect(quva!.talent.edges.every((edge) => edge.node.lab.id === 'quva-lab' && edge.node.stage === 'GRADUATED')).toBe(true);
    expect(civic!.talent.edges.every((edge) => edge.node.lab.id === 'civic-ai-lab' && edge.node.stage === 'GRADUATED')).toBe(true);
  });

  it('answers first: 0 with the count alone, and gives 20 people without first', async () => {
    const none = await talents({ first: 0 });
    expect(none).toMatchObject({ edges: [], pageInfo: { hasNextPage: true, hasPreviousPage: false, startCursor: null, endCursor: null } });
    expect(none.totalCount).toBeGreaterThan(20);
    expect((await talents({})).edges).toHaveLength(20);
  });

  it('refuses a page over 100 or below 0, and a cursor that is garbled or of another list, on the list and on a lab', async () => {
    const vacancyCursor = (
      await graphql<{ vacancies: { pageInfo: { endCursor: string } } }>(server().url, '{ vacancies(first: 1) { pageInfo { endCursor } } }')
    ).data!.vacancies.pageInfo.endCursor;
    for (const [variables, code] of [
      [{ first: 101 }, 'PAGE_SIZE_EXCEEDED'],
      [{ first: -1 }, 'PAGE_SIZE_EXCEEDED'],
      [{ first: 1, after: 'not-a-cursor!' }, 'INVALID_CURSOR'],
      [{ first: 1, after: vacancyCursor }, 'INVALID_CURSOR'],
    ] as const) {
      expect(codes(await graphql(server().url, talentsQuery, { token: reader, variables }))).toEqual([code]);
      expect(
        codes(
          await graphql(server().url, labTalentQuery, {
            token: reader,
            variables: { ...variables, r: [{ __typename: 'Lab', id: 'quva-lab' }] },
          }),
        ),
      ).toEqual([code]);
    }
  });

  it('finds one person by id with their placements earliest first, null for an unknown id', async () => {
    const [person] = (await talents({ first: 1, filter: { stage: 'GRADUATED' } })).edges;
    const result = await graphql<{
      talent: { id: string; placements: Array<{ startYear: number; talent: { id: string } }> };
      nobody: null;
    }>(
      server().url,
      'query($id: ID!) { talent(id: $id) { id placements { startYear talent { id } } } nobody: talent(id: "t-nobody") { id } }',
      { token: reader, variables: { id: person!.node.id } },
    );
    expect(result.data!.nobody).toBeNull();
    const years = result.data!.talent.placements.map((placement) => placement.startYear);
    expect(years.length).toBeGreaterThan(0);
    expect(years).toEqual([...years].sort((a, b) => a - b));
    for (const placement of result.data!.talent.placements) expect(placement.talent.id).toBe(person!.node.id);
  });
});
