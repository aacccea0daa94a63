import { graphql, testDialects, tokenWith } from '@nlai/testing';
import { possibleTrueCounts } from '@nlai/human-capital/dist/services/cell-key';
import { useGraph } from './graph-fixture';

const talentReader = tokenWith('talent:read');

interface Person {
  id: string;
  stage: string;
  lab: { id: string } | null;
  placements: Array<{ id: string; country: string; startYear: number; organisation: { id: string } | null }>;
}

describe.each(testDialects())('links between the subgraphs, both ways (%s)', (dialect) => {
  const graph = useGraph(dialect);
  const query = <Data>(text: string, token?: string) => graphql<Data>(graph().gateway.url, text, { token });

  /** Every person, page by page, with their lab and placements. */
  async function everyone(): Promise<Person[]> {
    const people: Person[] = [];
    let after: string | null = null;
    do {
      const result: Awaited<
        ReturnType<
          typeof graphql<{ talents: { edges: Array<{ node: Person }>; pageInfo: { hasNextPage: boolean; endCursor: string | null } } }>
        >
      > = await graphql(
        graph().gateway.url,
        'query($after: String) { talents(first: 50, after: $after) { edges { node { id stage lab { id } placements { id country startYear organisation { id } } } } pageInfo { hasNextPage endCursor } } }',
        {
          token: talentReader,
          variables: { after },
        },
      );
      expect(result.errors).toBeUndefined();
      people.push(...result.data!.talents.edges.map((edge) => edge.node));
      after = result.data!.talents.pageInfo.hasNextPage ? result.data!.talents.pageInfo.endCursor : null;
    } while (after);
    return people;
  }

  it('lab → talent → lab comes back to the same lab, for every lab', async () => {
    const result = await query<{
      labs: {
        edges: Array<{
          node: { id: string; talent: { totalCount: number; edges: Array<{ node: { lab: { id: string; name: string } } }> } };
        }>;
      };
    }>('{ labs(first: 100) { edges { node { id talent(first: 100) { totalCount edges { node { lab { id name } } } } } } } }', talentReader);
    expect(result.errors).toBeUndefined();
    for (const { node: lab } of result.data!.labs.edges) {
      expect(lab.talent.edges).toHaveLength(lab.talent.totalCount);
      for (const { node: person } of lab.talent.edges) expect(person.lab.id).toBe(lab.id);
    }
  });

  it('talent → lab → talent finds the person among the lab’s people', async () => {
    const people = await everyone();
    expect(people.length).toBeGreaterThanOrEqual(100);
    const result = await query<{ labs: { edges: Array<{ node: { id: string; talent: { edges: Array<{ node: { id: string } }> } } }> } }>(
      '{ labs(first: 100) { edges { node { id talent(first: 100) { edges { node { id } } } } } } }',
      talentReader,
    );
    const peopleOfLab = new Map(
      result.data!.labs.edges.map(({ node }) => [node.id, new Set(node.talent.edges.map((edge) => edge.node.id))]),
    );
    for (const person of people) {
      expect(person.lab).not.toBeNull();
      expect(peopleOfLab.get(person.lab!.id)?.has(person.id)).toBe(true);
    }
  });

  it('organisation → placement → organisation comes back to the same organisation, and placement → organisation → placements finds the placement', async () => {
    const result = await query<{
      organisations: { edges: Array<{ node: { id: string; placements: Array<{ id: string; organisation: { id: string } }> } }> };
    }>('{ organisations(first: 100) { edges { node { id placements { id organisation { id } } } } } }', talentReader);
    expect(result.errors).toBeUndefined();
    const placementsOf = new Map(
      result.data!.organisations.edges.map(({ node }) => [node.id, new Set(node.placements.map((placement) => placement.id))]),
    );
    let seen = 0;
    for (const { node: organisation } of result.data!.organisations.edges) {
      for (const placement of organisation.placements) expect(placement.organisation.id).toBe(organisation.id);
      seen += organisation.placements.length;
    }
    expect(seen).toBeGreaterThan(0);

    const people = await everyone();
    const placements = people.flatMap((person) => person.placements);
    expect(placements.length).toBe(seen);
    for (const placement of placements) expect(placementsOf.get(placement.organisation!.id)?.has(placement.id)).toBe(true);
  });

  it('course → provider → courses and vacancy → organisation → vacancies agree', async () => {
    const courses = await query<{ courses: Array<{ id: string; provider: { id: string; courses: Array<{ id: string }> } }> }>(
      '{ courses { id provider { id courses { id } } } }',
    );
    expect(courses.errors).toBeUndefined();
    for (const course of courses.data!.courses) expect(course.provider.courses.map((other) => other.id)).toContain(course.id);

    const vacancies = await query<{
      vacancies: { edges: Array<{ node: { id: string; organisation: { id: string; vacancies: Array<{ id: string }> } } }> };
    }>('{ vacancies(first: 100) { edges { node { id organisation { id vacancies { id } } } } } }');
    expect(vacancies.errors).toBeUndefined();
    for (const { node } of vacancies.data!.vacancies.edges) expect(node.organisation.vacancies.map((other) => other.id)).toContain(node.id);
  });

  it('talentStats agree with the person-level records, per lab and for the network', async () => {
    const people = await everyone();
    const latestCountry = (person: Person) =>
      [...person.placements].sort((a, b) => b.startYear - a.startYear || (b.id < a.id ? -1 : 1))[0]?.country;
    const expected = (group: Person[]) => ({
      total: group.length,
      graduated: group.filter((person) => person.stage === 'GRADUATED').length,
      retainedInNetherlands: group.filter((person) => person.stage === 'GRADUATED' && latestCountry(person) === 'NL').length,
    });

    const figures = `{ talentStats { total graduated retainedInNetherlands } labs(first: 100) { edges { node { id talentStats { total graduated retainedInNetherlands } } } } }`;
    type Figures = { total: number; graduated: number | null; retainedInNetherlands: number | null };
    const exact = await query<{ talentStats: Figures; labs: { edges: Array<{ node: { id: string; talentStats: Figures } }> } }>(
      figures,
      talentReader,
    );
    expect(exact.errors).toBeUndefined();
    expect(exact.data!.talentStats).toEqual(expected(people));
    for (const { node: lab } of exact.data!.labs.edges)
      expect({ lab: lab.id, ...lab.talentStats }).toEqual({
        lab: lab.id,
        ...expected(people.filter((person) => person.lab?.id === lab.id)),
      });

    // Without talent:read: released, perturbed figures (docs/privacy.md): never 1 to 4, and always a value the true count can be published as.
    const open = await query<{
      labs: { edges: Array<{ node: { id: string; talentStats: Figures & { phdCandidates: number; release: { id: string } | null } } }> };
    }>('{ labs(first: 100) { edges { node { id talentStats { total phdCandidates graduated retainedInNetherlands release { id } } } } } }');
    expect(open.errors).toBeUndefined();
    let perturbed = 0;
    for (const { node: lab } of open.data!.labs.edges) {
      const ofLab = people.filter((person) => person.lab?.id === lab.id);
      const truth = { ...expected(ofLab), phdCandidates: ofLab.filter((person) => person.stage === 'PHD_CANDIDATE').length };
      const shown = lab.talentStats;
      expect(shown.release?.id).toMatch(/^r-/);
      for (const key of ['total', 'phdCandidates', 'graduated', 'retainedInNetherlands'] as const) {
        if (shown[key] !== truth[key]) perturbed += 1;
        expect({
          lab: lab.id,
          key,
          small: shown[key]! >= 1 && shown[key]! < 5,
          consistent: possibleTrueCounts(shown[key]).includes(truth[key]!),
        }).toEqual({
          lab: lab.id,
          key,
          small: false,
          consistent: true,
        });
      }
    }
    expect(perturbed).toBeGreaterThan(0);
  });

  it('pages through one lab’s people, a list of the other subgraph, with its cursors; a garbled cursor is INVALID_CURSOR', async () => {
    const page =
      'query($after: String) { lab(id: "quva-lab") { talent(first: 2, after: $after) { totalCount edges { node { id } } pageInfo { hasNextPage endCursor } } } }';
    type Page = {
      totalCount: number;
      edges: Array<{ node: { id: string } }>;
      pageInfo: { hasNextPage: boolean; endCursor: string | null };
    };
    const ids: string[] = [];
    let after: string | null = null;
    let total = 0;
    do {
      const result: Awaited<ReturnType<typeof graphql<{ lab: { talent: Page } }>>> = await graphql(graph().gateway.url, page, {
        token: talentReader,
        variables: { after },
      });
      expect(result.errors).toBeUndefined();
      total = result.data!.lab.talent.totalCount;
      ids.push(...result.data!.lab.talent.edges.map((edge) => edge.node.id));
      after = result.data!.lab.talent.pageInfo.hasNextPage ? result.data!.lab.talent.pageInfo.endCursor : null;
    } while (after);
    expect(total).toBeGreaterThan(2);
    expect(ids).toHaveLength(total);
    expect(new Set(ids).size).toBe(total);
    const garbled = await graphql(graph().gateway.url, page, { token: talentReader, variables: { after: 'not-a-cursor!' } });
    expect(garbled.errors?.map((error) => [error.path, error.extensions?.code])).toEqual([[['lab', 'talent'], 'INVALID_CURSOR']]);
  });
});
