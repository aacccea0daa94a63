import { developmentSecret, signGatewayRequest, signToken } from '@nlai/auth';
import { graphql, runToExit, startGraph, testDialects, type TestGraph } from '@nlai/testing';
import Database from 'better-sqlite3';

const secrets = {
  AUTH_JWT_SECRET: 'production-jwt-secret-for-the-test-graph-0123456789',
  RESEARCH_INNOVATION_SUBGRAPH_SECRET: 'research-innovation-subgraph-secret-0123456789',
  HUMAN_CAPITAL_SUBGRAPH_SECRET: 'human-capital-subgraph-secret-0123456789abcdef',
};
const production = { NODE_ENV: 'production', SEED_SAMPLE_DATA: 'true', ...secrets };
const reader = signToken({ secret: secrets.AUTH_JWT_SECRET, scopes: ['talent:read'], expiresInSeconds: 600 });

describe('production mode refuses to boot without its secrets', () => {
  it.each([
    ['@nlai/gateway', ['AUTH_JWT_SECRET or AUTH_JWKS_URL', 'RESEARCH_INNOVATION_SUBGRAPH_SECRET', 'HUMAN_CAPITAL_SUBGRAPH_SECRET']],
    ['@nlai/research-innovation', ['AUTH_JWT_SECRET or AUTH_JWKS_URL', 'RESEARCH_INNOVATION_SUBGRAPH_SECRET']],
    ['@nlai/human-capital', ['AUTH_JWT_SECRET or AUTH_JWKS_URL', 'HUMAN_CAPITAL_SUBGRAPH_SECRET']],
  ])('%s exits non-zero naming every missing variable', async (entry, missing) => {
    const { code, output } = await runToExit(require.resolve(entry), { NODE_ENV: 'production' });
    expect(code).not.toBe(0);
    for (const variable of missing) expect(output).toContain(`${variable}: required in production`);
  });

  it.each([
    ['@nlai/research-innovation', 'RESEARCH_INNOVATION_DATABASE_URL'],
    ['@nlai/human-capital', 'HUMAN_CAPITAL_DATABASE_URL'],
  ])('%s exits non-zero for a database URL with an unreviewed driver option, naming it', async (entry, variable) => {
    const { code, output } = await runToExit(require.resolve(entry), {
      NODE_ENV: 'production',
      [variable]: 'mysql://root@127.0.0.1:3306/nlai?debug=true',
    });
    expect(code).not.toBe(0);
    expect(output).toContain(`${variable}: the option "debug" is not allowed (allowed: ssl, connectTimeout)`);
  });

  it.each([
    ['@nlai/gateway', ['AUTH_JWT_SECRET', 'RESEARCH_INNOVATION_SUBGRAPH_SECRET', 'HUMAN_CAPITAL_SUBGRAPH_SECRET']],
    ['@nlai/research-innovation', ['AUTH_JWT_SECRET', 'RESEARCH_INNOVATION_SUBGRAPH_SECRET']],
    ['@nlai/human-capital', ['AUTH_JWT_SECRET', 'HUMAN_CAPITAL_SUBGRAPH_SECRET']],
  ])('%s exits non-zero when given the published development key, saying how to make a private one', async (entry, variables) => {
    const published = Object.fromEntries(variables.map((variable) => [variable, developmentSecret]));
    const { code, output } = await runToExit(require.resolve(entry), { NODE_ENV: 'production', ...published });
    expect(code).not.toBe(0);
    for (const variable of variables) expect(output).toContain(`${variable}: this key is published in the nlai-graph repository`);
    expect(output).toContain('openssl rand -hex 32');
  });
});

describe.each(testDialects())('a production graph (%s)', (dialect) => {
  let graph: TestGraph;
  beforeAll(async () => {
    graph = await startGraph({ dialect, env: production });
  });
  afterAll(() => graph?.stop());

  const query = (text: string, headers?: Record<string, string>) => graphql(graph.gateway.url, text, { token: reader, headers });

  it('answers the public and the person-level data with the configured secrets', async () => {
    const result = await query('{ labs(first: 1) { totalCount } talents(first: 1) { totalCount edges { node { lab { name } } } } }');
    expect(result.errors).toBeUndefined();
    expect(result.data).toMatchObject({ labs: { totalCount: 30 } });
  });

  it("has no explorer and no insights page: / and a browser's /graphql are not redirected, and are no server error", async () => {
    const html = { accept: 'text/html' };
    const home = await fetch(`${graph.gateway.baseUrl}/`, { headers: html, redirect: 'manual' });
    const graphqlPage = await fetch(graph.gateway.url, { headers: html, redirect: 'manual' });
    const explorer = await fetch(`${graph.gateway.baseUrl}/explorer`, { headers: html, redirect: 'manual' });
    const insights = await fetch(`${graph.gateway.baseUrl}/insights`, { headers: html, redirect: 'manual' });
    expect([home.status, graphqlPage.status, explorer.status, insights.status]).toEqual([404, 400, 404, 404]);
    expect(home.headers.get('location')).toBeNull();
    expect(graphqlPage.headers.get('location')).toBeNull();
  });

  it('refuses introspection', async () => {
    const result = await query('{ __schema { types { name } } }');
    expect(result.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(result.data ?? null).toBeNull();
  });

  it('gives no "did you mean" hints about the schema', async () => {
    const result = await query('{ labz(first: 1) { totalCount } }');
    expect(result.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(JSON.stringify(result.errors)).not.toMatch(/did you mean|labs/i);
  });

  it('ignores the query-plan header', async () => {
    const result = await query('{ lab(id: "quva-lab") { name talentStats { total } } }', { 'Apollo-Query-Plan-Experimental': '1' });
    expect(result.errors).toBeUndefined();
    expect(JSON.stringify(result)).not.toContain('queryPlan');
  });

  it('holds against abuse as in development: deep, wide, oversized and batched requests are refused', async () => {
    const post = (body: string) =>
      fetch(graph.gateway.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${reader}` },
        body,
      });
    let deep = 'name';
    for (let level = 0; level < 5; level += 1) deep = `partners { organisation { partnerships { lab { ${deep} } } } }`;
    const codeOf = async (response: Response) =>
      ((await response.json()) as { errors: Array<{ extensions: { code: string } }> }).errors[0]!.extensions.code;
    expect(await codeOf(await post(JSON.stringify({ query: `{ lab(id: "quva-lab") { ${deep} } }` })))).toBe('OPERATION_TOO_DEEP');
    expect(await codeOf(await post(JSON.stringify({ query: '{ labs(first: 1000) { totalCount } }' })))).toBe('PAGE_SIZE_EXCEEDED');
    expect((await post(JSON.stringify({ query: `{ lab(id: "${'x'.repeat(1_100_000)}") { name } }` }))).status).toBe(413);
    expect((await post(JSON.stringify([{ query: '{ __typename }' }, { query: '{ __typename }' }]))).status).toBe(400);
  });

  describe('a subgraph answers only its gateway', () => {
    const bodies = {
      'a query with a user token': { query: '{ labs(first: 1) { totalCount } }' },
      _service: { query: '{ _service { sdl } }' },
      _entities: {
        query: 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Lab { name } } }',
        variables: { r: [{ __typename: 'Lab', id: 'quva-lab' }] },
      },
    };

    it.each(Object.entries(bodies))('refuses %s without the gateway’s signature', async (_name, body) => {
      const response = await fetch(graph.researchInnovation.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${reader}` },
        body: JSON.stringify(body),
      });
      expect(response.status).toBe(401);
      const answer = (await response.json()) as { data?: unknown; errors: Array<{ extensions: { code: string } }> };
      expect(answer.errors[0]!.extensions.code).toBe('UNAUTHENTICATED');
      expect(answer.data).toBeUndefined();
    });

    it('refuses a signature made with another secret, for another subgraph or for another body, and accepts the right one', async () => {
      const body = JSON.stringify(bodies._service);
      const send = (signature: string) =>
        fetch(graph.humanCapital.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-nlai-gateway-signature': signature },
          body,
        });
      const subgraph = 'human-capital';
      expect((await send(signGatewayRequest(secrets.RESEARCH_INNOVATION_SUBGRAPH_SECRET, { subgraph, body }))).status).toBe(401);
      expect(
        (await send(signGatewayRequest(secrets.HUMAN_CAPITAL_SUBGRAPH_SECRET, { subgraph: 'research-innovation', body }))).status,
      ).toBe(401);
      expect(
        (await send(signGatewayRequest(secrets.HUMAN_CAPITAL_SUBGRAPH_SECRET, { subgraph, body: '{"query":"{ __typename }"}' }))).status,
      ).toBe(401);
      expect((await send(signGatewayRequest(secrets.HUMAN_CAPITAL_SUBGRAPH_SECRET, { subgraph, body }))).status).toBe(200);
    });
  });

  it('masks a subgraph that is down: a coded error naming it, no URL, no cause', async () => {
    await graph.stopService('humanCapital');
    try {
      const result = await query('{ lab(id: "quva-lab") { name talentStats { total } } }');
      expect(result.data).toEqual({ lab: { name: 'QUVA Lab', talentStats: null } });
      expect(result.errors?.map((error) => error.extensions)).toEqual([{ code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'human-capital' }]);
      expect(JSON.stringify(result)).not.toMatch(/127\.0\.0\.1|http:|ECONNREFUSED|\bat \w/);
    } finally {
      await graph.startService('humanCapital');
    }
  });

  if (dialect === 'sqlite') {
    it('masks an internal failure: no SQL, file path or stack reaches the client, the cause is logged', async () => {
      const database = new Database(graph.databases.researchInnovation.sqliteFile);
      database.exec('ALTER TABLE lab_theme RENAME TO lab_theme_moved');
      try {
        const result = await query('{ lab(id: "quva-lab") { name themes } }');
        expect(result.errors?.map((error) => error.extensions)).toEqual([{ code: 'INTERNAL_SERVER_ERROR' }]);
        expect(result.errors?.[0]?.message).toBe('Internal server error');
        expect(JSON.stringify(result)).not.toMatch(/lab_theme|SELECT|sqlite|\/tmp\/|\.ts:|\.js:/i);
        expect(graph.researchInnovation.output()).toMatch(/no such table: lab_theme/);
      } finally {
        database.exec('ALTER TABLE lab_theme_moved RENAME TO lab_theme');
        database.close();
      }
    });
  }
});

describe('production without SEED_SAMPLE_DATA', () => {
  it('starts on an empty database and leaves it empty', async () => {
    const graph = await startGraph({ dialect: 'sqlite', env: { ...production, SEED_SAMPLE_DATA: undefined } });
    try {
      const result = await graphql(graph.gateway.url, '{ labs(first: 1) { totalCount } courses { id } }', { token: reader });
      expect(result.data).toEqual({ labs: { totalCount: 0 }, courses: [] });
    } finally {
      await graph.stop();
    }
  });
});
