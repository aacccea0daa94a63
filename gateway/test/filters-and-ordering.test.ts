import { graphql, testDialects, tokenWith } from '@nlai/testing';
import { useGraph } from './graph-fixture';

const reader = tokenWith('talent:read');

describe.each(testDialects())('filters and ordering on every list (%s)', (dialect) => {
  const graph = useGraph(dialect);
  const ask = async <Data>(query: string, variables: Record<string, unknown> = {}) => {
    const result = await graphql<Data>(graph().gateway.url, query, { token: reader, variables });
    expect(result.errors).toBeUndefined();
    return result.data!;
  };
  const nodes = <Node>(connection: { edges: Array<{ node: Node }> }) => connection.edges.map((edge) => edge.node);

  it('labs by partner, and by start year or name either way', async () => {
    const byPartner = await ask<{
      labs: { totalCount: number; edges: Array<{ node: { partners: Array<{ organisation: { id: string } }> } }> };
    }>('{ labs(first: 100, filter: { partnerId: "ahold-delhaize" }) { totalCount edges { node { partners { organisation { id } } } } } }');
    expect(byPartner.labs.totalCount).toBe(2);
    for (const lab of nodes(byPartner.labs)) expect(lab.partners.map((partner) => partner.organisation.id)).toContain('ahold-delhaize');

    const order = async (field: string, direction: string) =>
      nodes(
        (
          await ask<{ labs: { edges: Array<{ node: { name: string; startYear: number | null } }> } }>(
            `{ labs(first: 100, orderBy: { field: ${field}, direction: ${direction} }) { edges { node { name startYear } } } }`,
          )
        ).labs,
      );
    const oldestFirst = await order('START_YEAR', 'ASC');
    const years = oldestFirst.map((lab) => lab.startYear).filter((year): year is number => year !== null);
    expect(years).toEqual([...years].sort((a, b) => a - b));
    expect(oldestFirst.at(-1)!.startYear).toBeNull();
    expect(await order('START_YEAR', 'DESC')).toEqual([...oldestFirst].reverse());
    const aToZ = await order('NAME', 'ASC');
    expect(await order('NAME', 'DESC')).toEqual([...aToZ].reverse());
  });

  it('pages in any order without losing or repeating a lab', async () => {
    const all: string[] = [];
    let after: string | null = null;
    do {
      const page: { labs: { edges: Array<{ node: { id: string } }>; pageInfo: { hasNextPage: boolean; endCursor: string } } } = await ask(
        'query($after: String) { labs(first: 7, after: $after, orderBy: { field: NAME, direction: DESC }) { edges { node { id } } pageInfo { hasNextPage endCursor } } }',
        { after },
      );
      all.push(...nodes(page.labs).map((lab) => lab.id));
      after = page.labs.pageInfo.hasNextPage ? page.labs.pageInfo.endCursor : null;
    } while (after);
    expect(new Set(all).size).toBe(30);
    // A cursor of one order means nothing in another.
    const cursor = (
      await ask<{ labs: { pageInfo: { endCursor: string } } }>('{ labs(first: 2, orderBy: { field: NAME }) { pageInfo { endCursor } } }')
    ).labs.pageInfo.endCursor;
    const other = await graphql(graph().gateway.url, 'query($after: String) { labs(first: 2, after: $after) { totalCount } }', {
      variables: { after: cursor },
    });
    expect(other.errors?.[0]?.extensions?.code).toBe('INVALID_CURSOR');
  });

  it('organisations by kind and by a piece of their name, in any letter case, either way', async () => {
    const found = await ask<{ organisations: { totalCount: number; edges: Array<{ node: { name: string; kind: string } }> } }>(
      '{ organisations(first: 100, filter: { name: "UNIVERSITY", kind: KNOWLEDGE_INSTITUTION }, orderBy: { field: NAME, direction: DESC }) { totalCount edges { node { name kind } } } }',
    );
    const names = nodes(found.organisations).map((organisation) => organisation.name);
    expect(names.length).toBeGreaterThan(5);
    for (const name of names) expect(name.toLowerCase()).toContain('university');
    expect(found.organisations.totalCount).toBe(names.length);
    const wildcard = await ask<{ organisations: { totalCount: number } }>(
      '{ organisations(first: 0, filter: { name: "%" }) { totalCount } }',
    );
    expect(wildcard.organisations.totalCount).toBe(0);
  });

  it('people by stage, origin, lab and start year, oldest or newest first', async () => {
    const found = await ask<{
      talents: { totalCount: number; edges: Array<{ node: { stage: string; origin: string; startYear: number; lab: { id: string } } }> };
    }>(
      '{ talents(first: 100, filter: { stage: GRADUATED, origin: INTERNATIONAL, labId: "quva-lab" }, orderBy: { field: START_YEAR, direction: ASC }) { totalCount edges { node { stage origin startYear lab { id } } } } }',
    );
    for (const person of nodes(found.talents))
      expect(person).toMatchObject({ stage: 'GRADUATED', origin: 'INTERNATIONAL', lab: { id: 'quva-lab' } });
    const years = nodes(found.talents).map((person) => person.startYear);
    expect(years).toEqual([...years].sort((a, b) => a - b));
    const ofYear = await ask<{ talents: { edges: Array<{ node: { startYear: number } }> } }>(
      '{ talents(first: 100, filter: { startYear: 2020 }) { edges { node { startYear } } } }',
    );
    expect(new Set(nodes(ofYear.talents).map((person) => person.startYear))).toEqual(new Set([2020]));
  });

  it('vacancies by theme and organisation, oldest or newest first; courses by kind, sector and title', async () => {
    const vacancies = await ask<{
      vacancies: { edges: Array<{ node: { themes: string[]; postedYear: number; organisation: { id: string } } }> };
    }>(
      '{ vacancies(first: 100, filter: { theme: "MEDICAL IMAGING" }, orderBy: { field: POSTED_YEAR, direction: ASC }) { edges { node { themes postedYear organisation { id } } } } }',
    );
    const found = nodes(vacancies.vacancies);
    expect(found.length).toBeGreaterThan(1);
    for (const vacancy of found) expect(vacancy.themes.map((theme) => theme.toLowerCase())).toContain('medical imaging');
    expect(found.map((vacancy) => vacancy.postedYear)).toEqual(found.map((vacancy) => vacancy.postedYear).sort((a, b) => a - b));
    const ofPhilips = await ask<{ vacancies: { totalCount: number } }>(
      '{ vacancies(first: 0, filter: { organisationId: "philips" }) { totalCount } }',
    );
    expect(ofPhilips.vacancies.totalCount).toBe(1);

    const courses = await ask<{ courses: Array<{ title: string; kind: string }> }>(
      '{ courses(filter: { kind: MOOC }, orderBy: { field: TITLE, direction: DESC }) { title kind } }',
    );
    expect(courses.courses.map((course) => course.title)).toEqual(['AI in Practice: Preparing for AI', 'AI in Practice: Applying AI']);
  });
});
