import { graphql, testDialects, tokenWith, type GraphQLResult, answerOf } from '@nlai/testing';
import { useResearchInnovation } from './start';

type Page<Node> = {
  totalCount: number;
  edges: Array<{ cursor: string; node: Node }>;
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
};
type LabNode = { id: string; name: string; status: string; startYear: number | null };

const codes = (result: GraphQLResult<unknown>) => result.errors?.map((error) => error.extensions?.code);
const labsQuery = `query($first: Int, $after: String, $filter: LabFilter, $orderBy: LabOrder) {
  labs(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {
    totalCount edges { cursor node { id name status startYear } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }`;

describe.each(testDialects())('the lists and lookups of Research & Innovation (%s)', (dialect) => {
  const server = useResearchInnovation(dialect, 'ri-lists');
  const ask = <Data>(query: string, variables: Record<string, unknown> = {}) => answerOf<Data>(server().url, query, { variables });
  const labs = async (variables: Record<string, unknown>) => (await ask<{ labs: Page<LabNode> }>(labsQuery, variables)).labs;
  const ids = (page: Page<{ id: string }>) => page.edges.map((edge) => edge.node.id);
  /** Every lab of a list, page by page, checking each page's pageInfo on the way. */
  const walk = async (first: number, variables: Record<string, unknown> = {}) => {
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const page: Page<LabNode> = await labs({ ...variables, first, after });
      expect(page.pageInfo.hasPreviousPage).toBe(after !== null);
      expect(page.pageInfo.startCursor).toBe(page.edges[0]?.cursor ?? null);
      seen.push(...ids(page));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
      pages += 1;
    } while (after);
    return { seen, pages };
  };

  describe('labs', () => {
    it('lists newest first by default: labs without a start year first, then by start year down, then by name', async () => {
      const all = await labs({ first: 100 });
      expect(all.totalCount).toBe(30);
      // Names compare in the database's collation: take their rank from the list ordered by name.
      const nameRank = new Map(ids(await labs({ first: 100, orderBy: { field: 'NAME' } })).map((id, rank) => [id, rank]));
      const expected = [...all.edges.map((edge) => edge.node)].sort(
        (a, b) =>
          (a.startYear === null ? 0 : 1) - (b.startYear === null ? 0 : 1) ||
          (b.startYear ?? 0) - (a.startYear ?? 0) ||
          nameRank.get(a.id)! - nameRank.get(b.id)!,
      );
      expect(ids(all)).toEqual(expected.map((lab) => lab.id));
      expect(all.edges[0]!.node.startYear).toBeNull();
    });

    it('orders by start year or name, either way; ascending start years put labs without one last', async () => {
      const order = async (field: string, direction: string) =>
        (await labs({ first: 100, orderBy: { field, direction } })).edges.map((edge) => edge.node);
      const oldestFirst = await order('START_YEAR', 'ASC');
      const years = oldestFirst.map((lab) => lab.startYear).filter((year): year is number => year !== null);
      expect(years).toEqual([...years].sort((a, b) => a - b));
      expect(oldestFirst.at(-1)!.startYear).toBeNull();
      expect(await order('START_YEAR', 'DESC')).toEqual([...oldestFirst].reverse());
      const aToZ = await order('NAME', 'ASC');
      // Names sort in the database's collation (binary on SQLite, case-blind on MariaDB): only the reversal is the same on both.
      expect(aToZ.map((lab) => lab.name)).not.toEqual(oldestFirst.map((lab) => lab.name));
      expect(await order('NAME', 'DESC')).toEqual([...aToZ].reverse());
      expect((await labs({ first: 100, orderBy: { field: 'NAME' } })).edges.map((edge) => edge.node)).toEqual(aToZ);
    });

    it.each<[string, Record<string, unknown>, (lab: { status: string; city: string; themes: string[]; partners: string[] }) => boolean]>([
      ['status', { status: 'IN_DEVELOPMENT' }, (lab) => lab.status === 'IN_DEVELOPMENT'],
      ['city, in any letter case', { city: ' eINDHOVEN ' }, (lab) => lab.city === 'Eindhoven'],
      ['theme, in any letter case', { theme: 'HEALTH' }, (lab) => lab.themes.some((theme) => theme.toLowerCase() === 'health')],
      ['partner', { partnerId: 'ahold-delhaize' }, (lab) => lab.partners.includes('ahold-delhaize')],
      [
        'all of them together',
        { status: 'ACTIVE', city: 'amsterdam', theme: 'recommendation' },
        (lab) => lab.status === 'ACTIVE' && lab.city === 'Amsterdam' && lab.themes.includes('recommendation'),
      ],
      ['a city outside the network', { city: 'Groningen' }, () => false],
    ])('filters by %s, with the filtered total', async (_name, filter, matches) => {
      const every = await ask<{
        labs: {
          edges: Array<{
            node: {
              id: string;
              status: string;
              themes: string[];
              location: { city: string };
              partners: Array<{ organisation: { id: string } }>;
            };
          }>;
        };
      }>('{ labs(first: 100) { edges { node { id status themes location { city } partners { organisation { id } } } } } }');
      const expected = every.labs.edges
        .map((edge) => edge.node)
        .filter((lab) => matches({ ...lab, city: lab.location.city, partners: lab.partners.map((partner) => partner.organisation.id) }))
        .map((lab) => lab.id);
      const found = await labs({ first: 100, filter });
      expect(ids(found).sort()).toEqual(expected.sort());
      expect(found.totalCount).toBe(expected.length);
      if (filter.city !== 'Groningen') expect(expected.length).toBeGreaterThan(0);
    });

    it('walks every lab exactly once, in the same order, whatever the page size and order', async () => {
      for (const orderBy of [undefined, { field: 'NAME', direction: 'DESC' }, { field: 'START_YEAR', direction: 'ASC' }]) {
        const order = ids(await labs({ first: 100, orderBy }));
        for (const size of [1, 4, 7, 30]) {
          const { seen, pages } = await walk(size, { orderBy });
          expect(seen).toEqual(order);
          expect(pages).toBe(Math.ceil(30 / size));
        }
      }
    });

    it('pages through a filtered list', async () => {
      const { seen } = await walk(3, { filter: { status: 'IN_DEVELOPMENT' } });
      expect(seen).toHaveLength(10);
    });

    it('answers first: 0 with the count alone, and gives 20 labs without first', async () => {
      expect(await labs({ first: 0 })).toEqual({
        totalCount: 30,
        edges: [],
        pageInfo: { hasNextPage: true, hasPreviousPage: false, startCursor: null, endCursor: null },
      });
      const defaultPage = await labs({});
      expect(defaultPage.edges).toHaveLength(20);
      expect(defaultPage.pageInfo.hasNextPage).toBe(true);
      const last = await labs({ first: 100 });
      expect(last.pageInfo.hasNextPage).toBe(false);
    });

    it.each([101, -1])('refuses first: %i with PAGE_SIZE_EXCEEDED, naming the bounds', async (first) => {
      const result = await graphql(server().url, labsQuery, { variables: { first } });
      expect(codes(result)).toEqual(['PAGE_SIZE_EXCEEDED']);
      expect(result.errors![0]!.message).toMatch(/between 0 and 100/);
      expect(result.data).toEqual({ labs: null });
    });

    it('refuses a cursor that is garbled, not ours, of another list or of another order, with INVALID_CURSOR', async () => {
      const byName = (await labs({ first: 2, orderBy: { field: 'NAME' } })).pageInfo.endCursor;
      const ofOrganisations = (await ask<{ organisations: Page<unknown> }>('{ organisations(first: 1) { pageInfo { endCursor } } }'))
        .organisations.pageInfo.endCursor;
      for (const after of [
        'not-a-cursor!',
        Buffer.from('{"hello":"world"}').toString('base64url'),
        'x'.repeat(5000),
        byName,
        ofOrganisations,
      ]) {
        const result = await graphql(server().url, labsQuery, { variables: { first: 2, after } });
        expect(codes(result)).toEqual(['INVALID_CURSOR']);
      }
    });

    it('takes back the cursor of a lab with the longest name', async () => {
      const created = await graphql(
        server().url,
        'mutation($input: LabCreateInput!) { labCreate(input: $input) { userErrors { code } } }',
        {
          token: tokenWith('research-innovation:write'),
          variables: {
            input: { name: `"Ünïcödé" ${'ä'.repeat(190)}`, status: 'ACTIVE', city: 'Delft', themes: ['cursors'], startYear: 2020 },
          },
        },
      );
      expect(created.data).toEqual({ labCreate: { userErrors: [] } });
      const page = await labs({ first: 1, filter: { theme: 'cursors' } });
      const next = await labs({ first: 1, after: page.pageInfo.endCursor, filter: { theme: 'cursors' } });
      expect(next).toMatchObject({ edges: [], pageInfo: { hasNextPage: false, hasPreviousPage: true } });
    });

    it('neither skips nor repeats a lab when labs are added between pages', async () => {
      const first = await labs({ first: 10 });
      for (const [index, startYear] of [2015, 2030, 2019].entries()) {
        await graphql(server().url, 'mutation($input: LabCreateInput!) { labCreate(input: $input) { userErrors { code } } }', {
          token: tokenWith('research-innovation:write'),
          variables: { input: { name: `Paging lab ${index}`, status: 'IN_DEVELOPMENT', city: 'Utrecht', themes: ['paging'], startYear } },
        });
      }
      const rest: string[] = [];
      let after = first.pageInfo.endCursor;
      while (after) {
        const page = await labs({ first: 10, after });
        rest.push(...ids(page));
        after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
      }
      const seen = [...ids(first), ...rest];
      expect(new Set(seen).size).toBe(seen.length);
      const everyLab = ids(await labs({ first: 100 }));
      for (const id of everyLab.filter((id) => !id.startsWith('paging-lab'))) expect(seen).toContain(id);
    });
  });

  describe('organisations', () => {
    it('lists alphabetically, pages without loss, and orders either way', async () => {
      const page = (variables: Record<string, unknown>) =>
        ask<{ organisations: Page<{ id: string; name: string }> }>(
          'query($first: Int, $after: String, $orderBy: OrganisationOrder) { organisations(first: $first, after: $after, orderBy: $orderBy) { totalCount edges { cursor node { id name } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }',
          variables,
        );
      const all = (await page({ first: 100 })).organisations;
      const names = all.edges.map((edge) => edge.node.name);
      expect(names[0]!.localeCompare(names.at(-1)!)).toBeLessThan(0);
      expect(all.totalCount).toBe(names.length);
      const walked: string[] = [];
      let after: string | null = null;
      do {
        const next: Page<{ id: string; name: string }> = (await page({ first: 6, after })).organisations;
        walked.push(...next.edges.map((edge) => edge.node.name));
        after = next.pageInfo.hasNextPage ? next.pageInfo.endCursor : null;
      } while (after);
      expect(walked).toEqual(names);
      const zToA = (await page({ first: 100, orderBy: { field: 'NAME', direction: 'DESC' } })).organisations;
      expect(zToA.edges.map((edge) => edge.node.name)).toEqual([...names].reverse());
    });

    it('filters by kind and by a piece of the name in any letter case; % and _ mean themselves', async () => {
      const found = await ask<{ organisations: Page<{ name: string; kind: string }> }>(
        '{ organisations(first: 100, filter: { name: " UNIVERSITY ", kind: KNOWLEDGE_INSTITUTION }) { totalCount edges { node { name kind } } } }',
      );
      const names = found.organisations.edges.map((edge) => edge.node);
      expect(names.length).toBeGreaterThan(5);
      for (const organisation of names) {
        expect(organisation.name.toLowerCase()).toContain('university');
        expect(organisation.kind).toBe('KNOWLEDGE_INSTITUTION');
      }
      expect(found.organisations.totalCount).toBe(names.length);
      for (const wildcard of ['%', '_', '!']) {
        const none = await ask<{ organisations: { totalCount: number } }>(
          'query($name: String) { organisations(first: 0, filter: { name: $name }) { totalCount } }',
          {
            name: wildcard,
          },
        );
        expect(none.organisations.totalCount).toBe(0);
      }
      const companies = await ask<{ organisations: Page<{ kind: string }> }>(
        '{ organisations(first: 100, filter: { kind: COMPANY }) { totalCount edges { node { kind } } } }',
      );
      expect(new Set(companies.organisations.edges.map((edge) => edge.node.kind))).toEqual(new Set(['COMPANY']));
    });

    it('refuses a page over 100 and a cursor of the labs list', async () => {
      expect(codes(await graphql(server().url, '{ organisations(first: 101) { totalCount } }'))).toEqual(['PAGE_SIZE_EXCEEDED']);
      const cursor = (await labs({ first: 1 })).pageInfo.endCursor;
      const result = await graphql(server().url, 'query($after: String) { organisations(first: 1, after: $after) { totalCount } }', {
        variables: { after: cursor },
      });
      expect(codes(result)).toEqual(['INVALID_CURSOR']);
    });
  });

  describe('lookups', () => {
    it('finds a lab and an organisation by id, null for an unknown id', async () => {
      expect(
        await ask(
          '{ lab(id: "quva-lab") { name } organisation(id: "uva") { name } none: lab(id: "nope") { id } nobody: organisation(id: "nope") { id } }',
        ),
      ).toEqual({
        lab: { name: 'QUVA Lab' },
        organisation: { name: 'University of Amsterdam' },
        none: null,
        nobody: null,
      });
    });

    it('finds the location of a city in any letter case and with spaces, null outside the network', async () => {
      const found = await ask<Record<string, { id: string; city: string } | null>>(
        '{ a: location(city: "den bosch") { id city } b: location(city: "  DEN BOSCH ") { id city } c: location(city: "Groningen") { id city } }',
      );
      expect(found).toEqual({ a: { id: 'den-bosch', city: 'Den Bosch' }, b: { id: 'den-bosch', city: 'Den Bosch' }, c: null });
    });

    it('lists every location hubs first, each spoke tied to its hub, each city with its labs', async () => {
      const { locations } = await ask<{
        locations: Array<{
          city: string;
          role: string;
          hub: { city: string } | null;
          spokes: Array<{ city: string }>;
          labs: Array<{ name: string }>;
        }>;
      }>('{ locations { city role hub { city } spokes { city } labs { name } } }');
      expect(locations).toHaveLength(11);
      const roles = locations.map((location) => location.role);
      expect(roles.indexOf('SPOKE')).toBeGreaterThan(roles.lastIndexOf('HUB'));
      for (const location of locations) {
        if (location.role === 'HUB') expect(location.hub).toBeNull();
        else expect(locations.find((hub) => hub.city === location.hub?.city)?.spokes).toContainEqual({ city: location.city });
      }
      expect(locations.reduce((sum, location) => sum + location.labs.length, 0)).toBeGreaterThanOrEqual(30);
    });
  });

  describe('networkSummary', () => {
    it('counts labs by status, city and theme as the list does, most first, with the hubs and spokes', async () => {
      const { networkSummary: summary } = await ask<{
        networkSummary: {
          labs: number;
          labsByStatus: Array<{ status: string; labs: number }>;
          labsByCity: Array<{ city: string; labs: number }>;
          labsByTheme: Array<{ theme: string; labs: number }>;
          hubs: Array<{ role: string }>;
          spokes: Array<{ role: string }>;
        };
      }>(
        '{ networkSummary { labs labsByStatus { status labs } labsByCity { city labs } labsByTheme { theme labs } hubs { role } spokes { role } } }',
      );
      const every = await ask<{
        labs: { totalCount: number; edges: Array<{ node: { status: string; themes: string[]; location: { city: string } } }> };
      }>('{ labs(first: 100) { totalCount edges { node { status themes location { city } } } } }');
      const labs = every.labs.edges.map((edge) => edge.node);
      const tally = (keys: string[]) =>
        keys.reduce((counts, key) => counts.set(key, (counts.get(key) ?? 0) + 1), new Map<string, number>());
      expect(summary.labs).toBe(every.labs.totalCount);
      expect(new Map(summary.labsByStatus.map((row) => [row.status, row.labs]))).toEqual(tally(labs.map((lab) => lab.status)));
      expect(new Map(summary.labsByCity.map((row) => [row.city, row.labs]))).toEqual(tally(labs.map((lab) => lab.location.city)));
      expect(new Map(summary.labsByTheme.map((row) => [row.theme, row.labs]))).toEqual(tally(labs.flatMap((lab) => lab.themes)));
      for (const list of [summary.labsByStatus, summary.labsByCity, summary.labsByTheme]) {
        const counts = list.map((row) => row.labs);
        expect(counts).toEqual([...counts].sort((a, b) => b - a));
      }
      expect(summary.hubs.length).toBeGreaterThan(0);
      expect(new Set(summary.hubs.map((hub) => hub.role))).toEqual(new Set(['HUB']));
      expect(new Set(summary.spokes.map((spoke) => spoke.role))).toEqual(new Set(['SPOKE']));
      expect(summary.hubs.length + summary.spokes.length).toBe(11);
    });
  });
});
