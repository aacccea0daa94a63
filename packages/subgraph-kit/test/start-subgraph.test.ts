import { developmentSecret, gatewaySignatureHeader, signGatewayRequest } from '@nlai/auth';
import { CountingLogger } from '@nlai/database';
import { tokenWith } from '@nlai/testing';
import pino from 'pino';
import { DataSource } from 'typeorm';
import { startSubgraph, type BaseContext, type RunningSubgraph } from '../src';

const silent = pino({ level: 'silent' });

const sdl = `
extend schema @link(url: "https://specs.apollo.dev/federation/v2.9", import: ["@key"])
directive @requiresScope(scope: String!) on FIELD_DEFINITION | OBJECT
type Query {
  "Runs two SQL statements."
  twoStatements: Int
  secret: String @requiresScope(scope: "talent:read")
  broken: String
}
`;

const gatewaySecret = 'a-test-secret-of-at-least-32-characters-long';

/** A subgraph on an in-memory SQLite database that counts its statements, as the services' databases do. */
async function start(options: { gatewaySecret?: string; exposeStatementCount?: boolean } = {}): Promise<RunningSubgraph> {
  const dataSource = new DataSource({ type: 'better-sqlite3', database: ':memory:', logger: new CountingLogger(silent) });
  await dataSource.initialize();
  return startSubgraph<BaseContext>({
    name: 'kit-test',
    typeDefs: sdl,
    resolvers: {
      Query: {
        twoStatements: async () => {
          await dataSource.query('SELECT 1');
          await dataSource.query('SELECT 2');
          return 2;
        },
        secret: () => 'hidden',
        broken: () => {
          throw new Error('connection string postgres://user:password@db leaked');
        },
      },
    },
    dataSource,
    context: (base) => base,
    tokens: { secret: developmentSecret },
    port: 0,
    host: '127.0.0.1',
    production: true,
    exposeStatementCount: options.exposeStatementCount ?? false,
    ...(options.gatewaySecret ? { gatewaySecret: options.gatewaySecret } : {}),
    logger: silent,
  });
}

function post(server: RunningSubgraph, query: string, headers: Record<string, string> = {}) {
  return fetch(server.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query }),
  });
}

describe('startSubgraph', () => {
  let server: RunningSubgraph | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('reports the SQL statements of each request in x-sql-statements when asked', async () => {
    server = await start({ exposeStatementCount: true });
    const response = await post(server, '{ twoStatements }');
    expect(await response.json()).toEqual({ data: { twoStatements: 2 } });
    expect(response.headers.get('x-sql-statements')).toBe('2');
  });

  it('does not report statements unless asked', async () => {
    server = await start();
    const response = await post(server, '{ twoStatements }');
    expect(response.status).toBe(200);
    expect(response.headers.get('x-sql-statements')).toBeNull();
  });

  it('answers /ready from its database: 503 once the database is gone', async () => {
    server = await start();
    const base = server.url.replace(/\/graphql$/, '');
    expect((await fetch(`${base}/ready`)).status).toBe(200);
    await server.dataSource.destroy();
    expect((await fetch(`${base}/ready`)).status).toBe(503);
    await server.dataSource.initialize(); // close() disconnects it again
  });

  it('with a gateway secret, answers only signed requests, each signature once', async () => {
    server = await start({ gatewaySecret });
    const body = JSON.stringify({ query: '{ twoStatements }' });
    const unsigned = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect(unsigned.status).toBe(401);
    expect(await unsigned.json()).toMatchObject({ errors: [{ extensions: { code: 'UNAUTHENTICATED' } }] });

    const signature = signGatewayRequest(gatewaySecret, { subgraph: 'kit-test', body });
    const signed = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [gatewaySignatureHeader]: signature },
      body,
    });
    expect(await signed.json()).toEqual({ data: { twoStatements: 2 } });

    const replayed = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [gatewaySignatureHeader]: signature },
      body,
    });
    expect(replayed.status).toBe(401);

    const otherSubgraph = signGatewayRequest(gatewaySecret, { subgraph: 'someone-else', body });
    expect(
      (
        await fetch(server.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', [gatewaySignatureHeader]: otherSubgraph },
          body,
        })
      ).status,
    ).toBe(401);
  });

  it('enforces @requiresScope with the caller token', async () => {
    server = await start();
    const anonymous = (await (await post(server, '{ secret }')).json()) as { errors: Array<{ extensions: { code: string } }> };
    expect(anonymous.errors[0]?.extensions.code).toBe('UNAUTHENTICATED');
    const allowed = await post(server, '{ secret }', { authorization: `Bearer ${tokenWith('talent:read')}` });
    expect(await allowed.json()).toEqual({ data: { secret: 'hidden' } });
  });

  it('masks faults: the caller sees no internal message', async () => {
    server = await start();
    const body = (await (await post(server, '{ broken }')).json()) as { errors: Array<{ message: string; extensions: { code: string } }> };
    expect(body.errors[0]).toMatchObject({ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } });
    expect(JSON.stringify(body)).not.toContain('password');
  });
});
