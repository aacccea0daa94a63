import { graphql, PrivateMariaDb, startGraph, tokenWith, type TestGraph } from '@nlai/testing';
import { report, timeUntil } from './measure';

const reader = tokenWith('talent:read');
const crossing = '{ labs(first: 5) { edges { node { name talentStats { total } } } } }';

describe('MariaDB restarted under load', () => {
  const server = new PrivateMariaDb();
  let graph: TestGraph;
  beforeAll(async () => {
    await server.install();
    graph = await startGraph({ dialect: 'mysql', mysqlServer: server.url });
  });
  afterAll(async () => {
    await graph?.stop();
    await server.remove();
  });

  it('lets both subgraphs recover by themselves once the database is back', async () => {
    let running = true;
    let answered = 0;
    let failed = 0;
    const load = Array.from({ length: 4 }, async () => {
      while (running) {
        const result = await graphql(graph.gateway.url, crossing, { token: reader }).catch(() => undefined);
        if (result && !result.errors) answered += 1;
        else failed += 1;
      }
    });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(answered).toBeGreaterThan(0);

    await server.stop();
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const failedWhileDown = failed;
    await server.start();
    const answeredBefore = answered;
    const recoveryMs = await timeUntil(async () => answered > answeredBefore + 10, 60_000);
    running = false;
    await Promise.all(load);

    expect(failedWhileDown).toBeGreaterThan(0);
    const final = await graphql(graph.gateway.url, crossing, { token: reader });
    expect(final.errors).toBeUndefined();
    expect(graph.researchInnovation.child.exitCode).toBeNull();
    expect(graph.humanCapital.child.exitCode).toBeNull();
    report(
      `MariaDB restart: ${failedWhileDown} reads failed while it was down; full answers again ${recoveryMs} ms after it accepted connections, no subgraph restarted`,
    );
  });
});
