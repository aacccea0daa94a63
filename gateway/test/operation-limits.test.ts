import { graphql, startGraph, tokenWith, type TestGraph } from '@nlai/testing';

const reader = tokenWith('talent:read');

describe('operation limits at the gateway, before any subgraph is called', () => {
  let graph: TestGraph;
  beforeAll(async () => {
    graph = await startGraph({ dialect: 'sqlite', proxied: true });
  });
  afterAll(() => graph?.stop());

  const subgraphRequests = () => graph.proxies!.researchInnovation.requests + graph.proxies!.humanCapital.requests;

  /** Sends the request and checks the subgraphs saw nothing of it. */
  async function refused(
    request: () => Promise<{
      status: number;
      body: { errors?: Array<{ message: string; extensions?: { code?: string } }>; data?: unknown };
    }>,
  ) {
    const before = subgraphRequests();
    const answer = await request();
    expect(subgraphRequests()).toBe(before);
    expect(answer.body.data ?? null).toBeNull();
    return {
      status: answer.status,
      codes: answer.body.errors?.map((error) => error.extensions?.code),
      message: answer.body.errors?.[0]?.message ?? '',
    };
  }
  const post =
    (body: unknown, headers: Record<string, string> = {}) =>
    async () => {
      const response = await fetch(graph.gateway.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${reader}`, ...headers },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      });
      const text = await response.text();
      let parsed: { errors?: Array<{ message: string; extensions?: { code?: string } }>; data?: unknown };
      try {
        parsed = JSON.parse(text);
      } catch {
        parsed = {};
      }
      return { status: response.status, body: parsed };
    };

  it('still lets a heavy but reasonable read through', async () => {
    const before = subgraphRequests();
    const result = await graphql(
      graph.gateway.url,
      `{ labs(first: 50) { edges { node { name partners { organisation { name placements { country } } } talentStats { total }
           talent(first: 20) { edges { node { id placements { organisation { name } } } } } } } } }`,
      { token: reader },
    );
    expect(result.errors).toBeUndefined();
    expect(subgraphRequests()).toBeGreaterThan(before);
  });

  it('refuses an operation nested deeper than 15 levels with OPERATION_TOO_DEEP', async () => {
    let selection = 'name';
    for (let level = 0; level < 5; level += 1) selection = `partners { organisation { partnerships { lab { ${selection} } } } }`;
    const answer = await refused(post({ query: `{ lab(id: "quva-lab") { ${selection} } }` }));
    expect(answer.codes).toEqual(['OPERATION_TOO_DEEP']);
    expect(answer.status).toBe(400);
  });

  it('refuses more than 30 aliases with TOO_MANY_ALIASES', async () => {
    const aliases = Array.from({ length: 31 }, (_, index) => `a${index}: lab(id: "quva-lab") { name }`).join(' ');
    expect((await refused(post({ query: `{ ${aliases} }` }))).codes).toEqual(['TOO_MANY_ALIASES']);
  });

  it('refuses aliases hidden in a fragment spread many times', async () => {
    const query = `fragment Names on Lab { a: name b: name c: name d: name }
      { labs(first: 1) { edges { node { ...Names x1: location { city } } } } l1: lab(id: "quva-lab") { ...Names } l2: lab(id: "quva-lab") { ...Names } l3: lab(id: "quva-lab") { ...Names }
        l4: lab(id: "quva-lab") { ...Names } l5: lab(id: "quva-lab") { ...Names } l6: lab(id: "quva-lab") { ...Names } }`;
    expect((await refused(post({ query }))).codes).toEqual(['TOO_MANY_ALIASES']);
  });

  it('refuses a document of more than 3000 tokens while parsing it', async () => {
    const fields = Array.from({ length: 3001 }, () => '__typename').join(' ');
    const answer = await refused(post({ query: `{ ${fields} }` }));
    expect(answer.codes).toEqual(['GRAPHQL_PARSE_FAILED']);
    expect(answer.message).toMatch(/3000 tokens/);
  });

  it('refuses fragments that spread each other', async () => {
    const query = 'fragment A on Lab { name ...B } fragment B on Lab { themes ...A } { lab(id: "quva-lab") { ...A } }';
    expect((await refused(post({ query }))).codes).toEqual(['GRAPHQL_VALIDATION_FAILED']);
  });

  it('refuses a fragment that fans out exponentially without walking it out', async () => {
    const levels = ['fragment F0 on Lab { name }'];
    for (let level = 1; level <= 12; level += 1)
      levels.push(`fragment F${level} on Lab { ...F${level - 1} partners { lab { ...F${level - 1} } } }`);
    const started = Date.now();
    const answer = await refused(post({ query: `${levels.join(' ')} { lab(id: "quva-lab") { ...F12 } }` }));
    expect(answer.codes?.[0]).toMatch(/^(OPERATION_TOO_DEEP|OPERATION_TOO_COSTLY)$/);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it.each([
    ['a literal', '{ labs(first: 101) { totalCount } }', {}],
    ['a variable', 'query($n: Int) { labs(first: $n) { totalCount } }', { n: 500 }],
    ['a nested list', '{ lab(id: "quva-lab") { talent(first: 1000) { totalCount } } }', {}],
    ['a variable default', 'query($n: Int = 1000) { labs(first: $n) { totalCount } }', {}],
    ['a variable default on a nested list', 'query($n: Int = 1000) { lab(id: "quva-lab") { talent(first: $n) { totalCount } } }', {}],
    ['a variable default in a fragment', 'query($n: Int = 1000) { ...Labs } fragment Labs on Query { labs(first: $n) { totalCount } }', {}],
    [
      'a variable default under @include',
      'query($n: Int = 1000, $show: Boolean = true) { labs(first: $n) @include(if: $show) { totalCount } }',
      {},
    ],
  ])('refuses a page larger than 100 given as %s with PAGE_SIZE_EXCEEDED', async (_name, query, variables) => {
    const answer = await refused(post({ query, variables }));
    expect(answer.codes).toEqual(['PAGE_SIZE_EXCEEDED']);
    expect(answer.message).toMatch(/between 0 and 100/);
  });

  it('refuses a page size given as a string, before any subgraph is called', async () => {
    const query = 'query($n: Int) { labs(first: $n) { totalCount } }';
    const answer = await refused(post({ query, variables: { n: '1000' } }, { accept: 'application/graphql-response+json' }));
    expect(answer.codes).toEqual(['BAD_USER_INPUT']);
    expect(answer.status).toBe(400);
  });

  // 100 labs × 100 people × their placements and employers: about 120,000 objects.
  const everyoneEverywhere = (first: string) =>
    `labs(first: ${first}) { edges { node { name talent(first: ${first}) { edges { node { id placements { organisation { name } } } } } } } }`;

  it.each([
    ['literals', `{ ${everyoneEverywhere('100')} }`, {}],
    ['a variable', `query($n: Int) { ${everyoneEverywhere('$n')} }`, { n: 100 }],
    ['a variable default', `query($n: Int = 100) { ${everyoneEverywhere('$n')} }`, {}],
    [
      'a variable default in a fragment',
      `query($n: Int = 100) { ...Everyone } fragment Everyone on Query { ${everyoneEverywhere('$n')} }`,
      {},
    ],
  ])('counts pages given as %s alike: 100 labs of 100 people with their employers is too costly', async (_name, query, variables) => {
    const answer = await refused(post({ query, variables }));
    expect(answer.codes).toEqual(['OPERATION_TOO_COSTLY']);
  });

  it("lets an analyst read 50 labs' people, their placements and employers", async () => {
    const before = subgraphRequests();
    const result = await graphql<{ labs: { edges: Array<{ node: { talent: { edges: Array<{ node: { placements: unknown[] } }> } } }> } }>(
      graph.gateway.url,
      `query Destinations($labs: Int = 50) { labs(first: $labs) { edges { node { name
         talent(first: 100) { totalCount edges { node { id stage startYear endYear placements { country sector startYear organisation { name kind } } } } } } } } }`,
      { token: reader },
    );
    expect(result.errors).toBeUndefined();
    const people = result.data!.labs.edges.flatMap((edge) => edge.node.talent.edges);
    expect(people.length).toBeGreaterThan(100);
    expect(people.some((person) => person.node.placements.length > 0)).toBe(true);
    expect(subgraphRequests()).toBeGreaterThan(before);
  });

  it('refuses an operation that could fetch too much with OPERATION_TOO_COSTLY', async () => {
    const query = `{ labs(first: 100) { edges { node { talent(first: 100) { edges { node { placements { organisation {
      partnerships { lab { talent(first: 100) { edges { node { id } } } } } } } } } } } } } }`;
    const answer = await refused(post({ query }));
    expect(answer.codes).toEqual(['OPERATION_TOO_COSTLY']);
    expect(answer.message).toMatch(/smaller pages/);
  });

  it('refuses a body above 1 MB with 413', async () => {
    const answer = await refused(post({ query: `{ lab(id: "${'x'.repeat(1_100_000)}") { name } }` }));
    expect(answer.status).toBe(413);
  });

  it('refuses a batch of operations in one request', async () => {
    const answer = await refused(post([{ query: '{ labs(first: 1) { totalCount } }' }, { query: '{ courses { id } }' }]));
    expect(answer.status).toBe(400);
    expect(answer.codes).toEqual(['BAD_REQUEST']);
  });
});
