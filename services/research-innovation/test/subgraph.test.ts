import { execFile } from 'node:child_process';
import { join } from 'node:path';
import type { RunningSubgraph } from '@nlai/subgraph-kit';
import { ConfigError } from '@nlai/config';
import { createTestDatabase, freePort, graphql, pendingSchemaChanges, testDialects, tokenWith, type TestDatabase } from '@nlai/testing';
import { researchInnovation } from '../src/subgraph';
import { startResearchInnovation } from './start';

const entitiesQuery = `query($representations: [_Any!]!) { _entities(representations: $representations) {
  ... on Lab { id name themes location { city } partners { organisation { name } } }
  ... on Organisation { id name kind }
  ... on Location { id city }
} }`;

describe.each(testDialects())('the Research & Innovation subgraph on its own (%s)', (dialect) => {
  let database: TestDatabase;
  let server: RunningSubgraph;
  const start = () => startResearchInnovation(database);

  beforeAll(async () => {
    database = await createTestDatabase(dialect, 'ri-unit');
    server = await start();
  });
  afterAll(async () => {
    await server?.close();
    await database?.drop();
  });

  it('builds its schema from its migrations alone, matching its entities exactly', async () => {
    expect(await pendingSchemaChanges(server.dataSource)).toEqual([]);
  });

  it('seeds an empty database once: a second boot on it adds nothing', async () => {
    const count = async () => (await server.dataSource.query('SELECT COUNT(*) AS n FROM lab'))[0].n;
    expect(Number(await count())).toBe(30);
    await server.close();
    server = await start();
    expect(Number(await count())).toBe(30);
  });

  it('answers its container health check: `index.js ready` exits 0 while it serves, 1 when nothing answers', async () => {
    // Asynchronous: the subgraph that must answer runs in this process.
    const ready = (port: number) =>
      new Promise<number | null>((resolve) =>
        execFile(
          process.execPath,
          [join(__dirname, '../dist/index.js'), 'ready'],
          { env: { RESEARCH_INNOVATION_PORT: String(port) } },
          (error) => resolve(error ? (typeof error.code === 'number' ? error.code : null) : 0),
        ),
      );
    expect(await ready(server.port)).toBe(0);
    expect(await ready(await freePort())).toBe(1);
  });

  it('resolves entity references by key: labs, organisations and locations, null for an unknown key', async () => {
    const result = await graphql<{ _entities: unknown[] }>(server.url, entitiesQuery, {
      variables: {
        representations: [
          { __typename: 'Lab', id: 'quva-lab' },
          { __typename: 'Organisation', id: 'uva' },
          { __typename: 'Location', id: 'eindhoven' },
          { __typename: 'Lab', id: 'no-such-lab' },
          { __typename: 'Lab', id: 'quva-lab' },
        ],
      },
    });
    expect(result.errors).toBeUndefined();
    expect(result.data!._entities).toEqual([
      {
        id: 'quva-lab',
        name: 'QUVA Lab',
        themes: ['deep vision'],
        location: { city: 'Amsterdam' },
        partners: [{ organisation: { name: 'University of Amsterdam' } }, { organisation: { name: 'Qualcomm' } }],
      },
      { id: 'uva', name: 'University of Amsterdam', kind: 'KNOWLEDGE_INSTITUTION' },
      { id: 'eindhoven', city: 'Eindhoven' },
      null,
      {
        id: 'quva-lab',
        name: 'QUVA Lab',
        themes: ['deep vision'],
        location: { city: 'Amsterdam' },
        partners: [{ organisation: { name: 'University of Amsterdam' } }, { organisation: { name: 'Qualcomm' } }],
      },
    ]);
  });

  it('resolves 3 or 30 lab representations with the same number of SQL statements', async () => {
    const labIds = (await server.dataSource.query('SELECT id FROM lab ORDER BY id')).map((row: { id: string }) => row.id);
    const statementsFor = async (ids: string[]) => {
      const result = await graphql(server.url, entitiesQuery, {
        variables: { representations: ids.map((id) => ({ __typename: 'Lab', id })) },
      });
      expect(result.errors).toBeUndefined();
      return Number(result.headers.get('x-sql-statements'));
    };
    const few = await statementsFor(labIds.slice(0, 3));
    const many = await statementsFor([...labIds, ...labIds.slice(0, 5)]);
    expect(few).toBeGreaterThan(0);
    expect(many).toBe(few);
  });

  it('takes 50 concurrent writes without one failing (no SQLITE_BUSY, no lost update)', async () => {
    const token = tokenWith('research-innovation:write');
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, index) =>
        graphql<{ labCreate: { lab: { id: string } | null; userErrors: unknown[] } }>(
          server.url,
          `mutation { labCreate(input: { name: "Concurrent lab ${index}", status: IN_DEVELOPMENT, city: "Delft", themes: ["load"] }) { lab { id } userErrors { code } } }`,
          { token },
        ),
      ),
    );
    expect(answers.filter((answer) => answer.errors || !answer.data?.labCreate.lab)).toEqual([]);
    const [{ n }] = await server.dataSource.query("SELECT COUNT(*) AS n FROM lab WHERE name LIKE 'Concurrent lab %'");
    expect(Number(n)).toBe(50);
  });
});

describe('configuration', () => {
  it('listens on 127.0.0.1 unless told otherwise', () => {
    expect(researchInnovation.configFrom({}).host).toBe('127.0.0.1');
    expect(researchInnovation.configFrom({ RESEARCH_INNOVATION_HOST: '0.0.0.0' }).host).toBe('0.0.0.0');
  });

  it('names every bad variable at once', () => {
    expect(() =>
      researchInnovation.configFrom({
        RESEARCH_INNOVATION_PORT: 'eighty',
        RESEARCH_INNOVATION_DATABASE_URL: 'postgres://db/x',
        LOG_LEVEL: 'loud',
      }),
    ).toThrow(ConfigError);
    try {
      researchInnovation.configFrom({
        RESEARCH_INNOVATION_PORT: 'eighty',
        RESEARCH_INNOVATION_DATABASE_URL: 'postgres://db/x',
        LOG_LEVEL: 'loud',
      });
    } catch (error) {
      const { problems } = error as ConfigError;
      expect(problems.map((problem) => problem.split(':')[0])).toEqual([
        'LOG_LEVEL',
        'RESEARCH_INNOVATION_PORT',
        'RESEARCH_INNOVATION_DATABASE_URL',
      ]);
    }
  });

  it('needs its secrets in production, naming each, and seeds only outside it unless asked', () => {
    expect(() => researchInnovation.configFrom({ NODE_ENV: 'production' })).toThrow(
      new ConfigError([
        'AUTH_JWT_SECRET or AUTH_JWKS_URL: required in production',
        'RESEARCH_INNOVATION_SUBGRAPH_SECRET: required in production',
      ]),
    );
    const secret = 'a-production-secret-of-at-least-32-characters';
    const production = { NODE_ENV: 'production', AUTH_JWT_SECRET: secret, RESEARCH_INNOVATION_SUBGRAPH_SECRET: secret };
    expect(researchInnovation.configFrom(production).seedSampleData).toBe(false);
    expect(researchInnovation.configFrom({ ...production, SEED_SAMPLE_DATA: 'true' }).seedSampleData).toBe(true);
    expect(researchInnovation.configFrom({}).seedSampleData).toBe(true);
  });
});
