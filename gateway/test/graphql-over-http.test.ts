import { graphql, startGraph, type TestGraph } from '@nlai/testing';
import { serverAudits } from 'graphql-http';

describe('GraphQL over HTTP, audited with graphql-http', () => {
  let graph: TestGraph;
  beforeAll(async () => {
    graph = await startGraph({ dialect: 'sqlite' });
  });
  afterAll(() => graph?.stop());

  async function audit() {
    return Promise.all(serverAudits({ url: graph.gateway.url, fetchFn: fetch }).map((check) => check.fn()));
  }

  it('fails no MUST of the spec', async () => {
    const failures = (await audit())
      .filter((result) => result.status === 'error')
      .map((result) => `${result.id} ${result.name}: ${'reason' in result ? result.reason : ''}`);
    expect(failures).toEqual([]);
  });

  it('answers parse, validation and variable errors with 200 to a client that accepts only application/json', async () => {
    const legacy = ['572B', 'FDE2', '7B9B'];
    const results = (await audit()).filter((result) => legacy.includes(result.id));
    expect(results.map((result) => [result.id, result.status])).toEqual(legacy.map((id) => [id, 'ok']));
  });

  it('keeps 400 for those errors when the client accepts application/graphql-response+json', async () => {
    const response = await fetch(graph.gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
      body: JSON.stringify({ query: '{ labs(' }),
    });
    expect(response.status).toBe(400);
    const legacy = await graphql(graph.gateway.url, '{ labs(');
    expect(legacy.status).toBe(200);
    expect(legacy.errors?.[0]?.extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
  });
});
