import { graphql, testDialects, tokenWith } from '@nlai/testing';
import { useGraph } from './graph-fixture';

const writer = tokenWith('research-innovation:write', 'talent:read');

interface Page {
  totalCount: number;
  edges: Array<{ cursor: string; node: { id: string } }>;
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; endCursor: string | null };
}

describe.each(testDialects())('cursor pagination (%s)', (dialect) => {
  const graph = useGraph(dialect);
  const labsPage = async (first: number, after: string | null, filter: Record<string, unknown> = {}) => {
    const result = await graphql<{ labs: Page }>(
      graph().gateway.url,
      'query($first: Int, $after: String, $filter: LabFilter) { labs(first: $first, after: $after, filter: $filter) { totalCount edges { cursor node { id } } pageInfo { hasNextPage hasPreviousPage endCursor } } }',
      { variables: { first, after, filter } },
    );
    expect(result.errors).toBeUndefined();
    return result.data!.labs;
  };
  const walk = async (first: number, filter: Record<string, unknown> = {}) => {
    const ids: string[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const page: Page = await labsPage(first, after, filter);
      ids.push(...page.edges.map((edge) => edge.node.id));
      expect(page.pageInfo.hasPreviousPage).toBe(after !== null);
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
      pages += 1;
    } while (after);
    return { ids, pages };
  };

  it('walks every lab exactly once, in the same order whatever the page size', async () => {
    const all = await labsPage(100, null);
    expect(all.totalCount).toBe(30);
    const order = all.edges.map((edge) => edge.node.id);
    expect(new Set(order).size).toBe(30);
    for (const size of [1, 4, 7, 30]) {
      const { ids, pages } = await walk(size);
      expect(ids).toEqual(order);
      expect(pages).toBe(Math.ceil(30 / size));
    }
  });

  it('pages through a filtered list with the filtered total', async () => {
    const { ids } = await walk(3, { status: 'IN_DEVELOPMENT' });
    expect(ids).toHaveLength(10);
    expect((await labsPage(3, null, { status: 'IN_DEVELOPMENT' })).totalCount).toBe(10);
  });

  it('returns only the count for first: 0', async () => {
    const page = await labsPage(0, null);
    expect(page).toEqual({ totalCount: 30, edges: [], pageInfo: { hasNextPage: true, hasPreviousPage: false, endCursor: null } });
  });

  it('neither skips nor repeats a lab when labs are added between pages', async () => {
    const first = await labsPage(10, null);
    for (const [index, startYear] of [2015, 2030, 2019].entries()) {
      const created = await graphql(
        graph().gateway.url,
        'mutation($input: LabCreateInput!) { labCreate(input: $input) { userErrors { code } } }',
        {
          token: writer,
          variables: { input: { name: `Paging lab ${index}`, status: 'IN_DEVELOPMENT', city: 'Utrecht', themes: ['paging'], startYear } },
        },
      );
      expect(created.errors).toBeUndefined();
    }
    const rest: string[] = [];
    let after = first.pageInfo.endCursor;
    while (after) {
      const page = await labsPage(10, after);
      rest.push(...page.edges.map((edge) => edge.node.id));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    }
    const seen = [...first.edges.map((edge) => edge.node.id), ...rest];
    expect(new Set(seen).size).toBe(seen.length);
    const before = first.edges.map((edge) => edge.node.id);
    const everyLab = (await labsPage(100, null)).edges.map((edge) => edge.node.id);
    for (const id of everyLab.filter((id) => !id.startsWith('paging-lab'))) expect(seen).toContain(id);
    expect(before).toHaveLength(10);
  });

  it('pages through one lab’s people with the same cursors', async () => {
    const query =
      'query($after: String) { lab(id: "quva-lab") { talent(first: 2, after: $after) { totalCount edges { node { id } } pageInfo { hasNextPage endCursor } } } }';
    const ids: string[] = [];
    let after: string | null = null;
    let total = 0;
    do {
      const result: Awaited<ReturnType<typeof graphql<{ lab: { talent: Page } }>>> = await graphql(graph().gateway.url, query, {
        token: writer,
        variables: { after },
      });
      expect(result.errors).toBeUndefined();
      const page = result.data!.lab.talent;
      total = page.totalCount;
      ids.push(...page.edges.map((edge) => edge.node.id));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
    expect(ids).toHaveLength(total);
    expect(new Set(ids).size).toBe(total);
  });

  it.each([
    ['garbled', 'not-a-cursor!'],
    ['valid base64 but not ours', Buffer.from('{"hello":"world"}').toString('base64url')],
  ])('refuses a %s cursor with INVALID_CURSOR, a client error', async (_name, cursor) => {
    const result = await graphql(graph().gateway.url, 'query($after: String) { labs(first: 2, after: $after) { totalCount } }', {
      variables: { after: cursor },
    });
    expect(result.errors?.map((error) => error.extensions?.code)).toEqual(['INVALID_CURSOR']);
    expect(result.data).toEqual({ labs: null });
  });

  it('refuses a cursor of another list', async () => {
    const organisations = await graphql<{ organisations: Page }>(
      graph().gateway.url,
      '{ organisations(first: 1) { edges { cursor node { id } } pageInfo { hasNextPage hasPreviousPage endCursor } totalCount } }',
    );
    const cursor = organisations.data!.organisations.pageInfo.endCursor;
    const result = await graphql(graph().gateway.url, 'query($after: String) { labs(first: 2, after: $after) { totalCount } }', {
      variables: { after: cursor },
    });
    expect(result.errors?.map((error) => error.extensions?.code)).toEqual(['INVALID_CURSOR']);
  });

  it.each([101, -1])('refuses first: %i with PAGE_SIZE_EXCEEDED', async (first) => {
    const result = await graphql(graph().gateway.url, 'query($first: Int) { labs(first: $first) { totalCount } }', {
      variables: { first },
    });
    expect(result.errors?.map((error) => error.extensions?.code)).toEqual(['PAGE_SIZE_EXCEEDED']);
    expect(result.errors?.[0]?.message).toMatch(/between 0 and 100/);
  });
});
