import { graphql, startGraph, tokenWith, type TestGraph } from '@nlai/testing';
import { report, timeUntil } from './measure';

const reader = tokenWith('talent:read');
const crossing = '{ lab(id: "quva-lab") { name talentStats { total } } }';

describe('faults in one subgraph never take the other down', () => {
  let graph: TestGraph;
  beforeAll(async () => {
    graph = await startGraph({
      dialect: 'sqlite',
      proxied: true,
      envFor: { gateway: { SUBGRAPH_TIMEOUT_MS: '500', SUBGRAPH_MAX_SOCKETS: '8' } },
    });
  });
  afterAll(() => graph?.stop());

  const ready = async () => (await fetch(`${graph.gateway.baseUrl}/ready`)).status;

  it('serves the rest while a subgraph is down, says so in /ready, and serves everything again once it is back, without a restart', async () => {
    expect((await graphql(graph.gateway.url, crossing)).errors).toBeUndefined();
    await graph.stopService('humanCapital');

    const partial = await graphql(graph.gateway.url, crossing);
    expect(partial.data).toEqual({ lab: { name: 'QUVA Lab', talentStats: null } });
    expect(partial.errors?.map((error) => error.extensions?.code)).toEqual(['SUBGRAPH_UNAVAILABLE']);
    expect(await ready()).toBe(503);
    const onlyResearch = await graphql(graph.gateway.url, '{ labs(first: 1) { totalCount } }');
    expect(onlyResearch.errors).toBeUndefined();

    await graph.startService('humanCapital');
    const recoveryMs = await timeUntil(async () => {
      const result = await graphql(graph.gateway.url, crossing, { token: reader });
      return result.errors === undefined && result.data !== null;
    });
    expect(await ready()).toBe(200);
    report(`subgraph back → first full answer through the same gateway: ${recoveryMs} ms after the subgraph was ready`);
  });

  it('times a slow subgraph out with SUBGRAPH_TIMEOUT, and leaks no sockets', async () => {
    const proxy = graph.proxies!.humanCapital;
    proxy.delayMs = 3000;
    try {
      const started = Date.now();
      const answers = await Promise.all(Array.from({ length: 20 }, () => graphql(graph.gateway.url, crossing)));
      const elapsed = Date.now() - started;
      for (const answer of answers) {
        expect(answer.data).toEqual({ lab: { name: 'QUVA Lab', talentStats: null } });
        expect(answer.errors?.map((error) => error.extensions?.code)).toEqual(['SUBGRAPH_TIMEOUT']);
      }
      expect(elapsed).toBeLessThan(2500);
      report(`20 concurrent reads with a 3 s subgraph and a 500 ms timeout: all answered in ${elapsed} ms`);
    } finally {
      proxy.delayMs = 0;
    }
    // Aborted requests close their sockets; what stays open is the capped keep-alive pool.
    await timeUntil(async () => (await proxy.openSockets()) <= 8, 5000);
    expect(await proxy.openSockets()).toBeLessThanOrEqual(8);
    expect((await graphql(graph.gateway.url, crossing)).errors).toBeUndefined();
  });

  it('finishes in-flight requests on SIGTERM, then exits 0', async () => {
    graph.proxies!.humanCapital.delayMs = 400;
    try {
      const inFlight = graphql(graph.gateway.url, crossing);
      await new Promise((resolve) => setTimeout(resolve, 150));
      const exit = graph.stopService('gateway', 'SIGTERM');
      const answer = await inFlight;
      expect(answer.errors).toBeUndefined();
      expect(answer.data).toEqual({ lab: { name: 'QUVA Lab', talentStats: { total: expect.any(Number) } } });
      expect(await exit).toBe(0);
    } finally {
      graph.proxies!.humanCapital.delayMs = 0;
      await graph.startService('gateway');
    }
  });
});
