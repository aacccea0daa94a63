import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { graphql, startGraph, testDialects, tokenWith, type TestGraph } from '@nlai/testing';

const savedOperations = (
  JSON.parse(readFileSync(resolve(__dirname, '../../schema/persisted-operations.json'), 'utf8')) as { operations: unknown[] }
).operations;

/** The benchmark's deep read (bench/src/bench.ts), every lab: labs → partners → organisations, talent figures, vacancies → organisations → labs. */
const deepRead = `query DeepRead($first: Int) {
  labs(first: $first) { edges { node { id name status location { city role } themes
    partners { role organisation { id name kind } }
    talentStats { total graduated retainedInNetherlands }
    matchingVacancies { title organisation { name } } } } }
  vacancies(first: 20) { edges { node { title themes organisation { name kind partnerships { lab { name } } } } } }
}`;

describe.each(testDialects())('what a read costs the subgraphs (%s)', (dialect) => {
  let graph: TestGraph;
  let requestsAtBoot: number;
  beforeAll(async () => {
    // Twice the sample data: 60 labs, so a page of 50 is really 50.
    graph = await startGraph({ dialect, proxied: true, env: { SEED_SCALE: '2' }, envFor: { gateway: { LOG_LEVEL: 'info' } } });
    requestsAtBoot = graph.proxies!.researchInnovation.requests + graph.proxies!.humanCapital.requests;
  }, 120_000);
  afterAll(() => graph?.stop());

  const proxies = () => graph.proxies!;
  const counted = async <T>(work: () => Promise<T>) => {
    const before = {
      riRequests: proxies().researchInnovation.requests,
      hcRequests: proxies().humanCapital.requests,
      riStatements: proxies().researchInnovation.statements,
      hcStatements: proxies().humanCapital.statements,
    };
    const result = await work();
    return {
      result,
      requests: {
        researchInnovation: proxies().researchInnovation.requests - before.riRequests,
        humanCapital: proxies().humanCapital.requests - before.hcRequests,
      },
      statements: {
        researchInnovation: proxies().researchInnovation.statements - before.riStatements,
        humanCapital: proxies().humanCapital.statements - before.hcStatements,
      },
    };
  };

  it('plans every saved operation at boot, without sending anything to a subgraph', () => {
    expect(savedOperations.length).toBeGreaterThan(5);
    const warmUp = graph.gateway
      .output()
      .split('\n')
      .filter((line) => line.includes('"warmed the query-plan cache'));
    expect(warmUp.map((line) => (JSON.parse(line) as { operations: number }).operations)).toEqual([savedOperations.length]);
    expect(graph.gateway.output()).not.toMatch(/"level":(50|60)/);
    expect(requestsAtBoot).toBe(0);
  });

  it('runs the same SQL statements for the deep read of 5 labs as of 50', async () => {
    const read = (first: number) =>
      counted(() =>
        graphql<{ labs: { edges: unknown[] }; vacancies: { edges: unknown[] } }>(graph.gateway.url, deepRead, { variables: { first } }),
      );
    const five = await read(5);
    const fifty = await read(50);
    for (const { result } of [five, fifty]) expect(result.errors).toBeUndefined();
    expect([five.result.data!.labs.edges.length, fifty.result.data!.labs.edges.length]).toEqual([5, 50]);
    expect(five.statements.researchInnovation).toBeGreaterThan(0);
    expect(five.statements.humanCapital).toBeGreaterThan(0);
    expect(fifty.statements).toEqual(five.statements);
    expect(fifty.requests).toEqual(five.requests);
  });

  it('sends each entity to a subgraph once per step, and every occurrence still gets its data', async () => {
    const sent = proxies().researchInnovation.bodies.length;
    const result = await graphql<{
      labs: { edges: Array<{ node: { matchingVacancies: Array<{ organisation: { name: string } | null }> } }> };
    }>(graph.gateway.url, deepRead, { variables: { first: 50 } });
    expect(result.errors).toBeUndefined();
    const employers = result.data!.labs.edges.flatMap((edge) => edge.node.matchingVacancies.map((vacancy) => vacancy.organisation?.name));
    expect(employers.length).toBeGreaterThan(new Set(employers).size); // the same employer occurs many times…
    expect(employers.every((name) => typeof name === 'string' && name.length > 0)).toBe(true);
    const representations = proxies()
      .researchInnovation.bodies.slice(sent)
      .map((body) => (JSON.parse(body) as { variables?: { representations?: unknown[] } }).variables?.representations)
      .filter((list): list is unknown[] => Array.isArray(list));
    expect(representations.length).toBeGreaterThan(0);
    for (const list of representations) expect(new Set(list.map((item) => JSON.stringify(item))).size).toBe(list.length); // …but is sent once
  });

  describe('identical reads in flight at the same time', () => {
    const read = '{ labs(first: 3) { edges { node { name } } } }';
    beforeAll(() => {
      // Each subgraph request is held back long enough for all concurrent ones to arrive.
      proxies().researchInnovation.delayMs = 1000;
    });
    afterAll(() => {
      proxies().researchInnovation.delayMs = 0;
    });

    it('share one subgraph request, and each caller gets the full answer', async () => {
      const alone = await graphql(graph.gateway.url, read);
      const { result, requests } = await counted(() => Promise.all(Array.from({ length: 10 }, () => graphql(graph.gateway.url, read))));
      expect(requests.researchInnovation).toBe(1);
      for (const answer of result) expect(answer.data).toEqual(alone.data);
    });

    it('are never shared between different tokens', async () => {
      const tokens = [tokenWith('talent:read'), tokenWith('research-innovation:write')];
      const { requests } = await counted(() =>
        Promise.all(Array.from({ length: 10 }, (_, index) => graphql(graph.gateway.url, read, { token: tokens[index % 2] }))),
      );
      expect(requests.researchInnovation).toBe(2);
    });

    it("never include the reads of a mutation's plan, which must see its writes", async () => {
      // Three identical updates of one lab: each then reads the lab's talent figures from Human Capital, by the same entity fetch.
      const mutation =
        'mutation { labUpdate(input: { id: "quva-lab", themes: ["deep vision"] }) { lab { name talentStats { total } } userErrors { field } } }';
      const token = tokenWith('research-innovation:write');
      proxies().humanCapital.delayMs = 1000;
      try {
        const { result, requests } = await counted(() =>
          Promise.all(Array.from({ length: 3 }, () => graphql(graph.gateway.url, mutation, { token }))),
        );
        expect(requests.humanCapital).toBe(3);
        for (const answer of result) expect(answer.errors).toBeUndefined();
      } finally {
        proxies().humanCapital.delayMs = 0;
      }
    });

    it('never include mutations', async () => {
      const mutation =
        'mutation { labCreate(input: { name: "", status: ACTIVE, city: "Amsterdam", themes: ["x"] }) { userErrors { field } } }';
      const token = tokenWith('research-innovation:write');
      const { result, requests } = await counted(() =>
        Promise.all(Array.from({ length: 3 }, () => graphql(graph.gateway.url, mutation, { token }))),
      );
      expect(requests.researchInnovation).toBe(3);
      for (const answer of result) expect(answer.errors).toBeUndefined();
    });
  });
});
