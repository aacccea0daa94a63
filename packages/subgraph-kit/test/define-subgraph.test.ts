import { join } from 'node:path';
import { ConfigError, env } from '@nlai/config';
import { createTestDatabase, graphql, testDialects, tokenWith, type TestDatabase } from '@nlai/testing';
import pino from 'pino';
import { Column, Entity, PrimaryColumn, type DataSource, type MigrationInterface, type QueryRunner } from 'typeorm';
import { defineSubgraph, type RunningSubgraph } from '../src';

@Entity({ name: 'note' })
class NoteEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  id!: string;

  @Column({ type: 'varchar', length: 200 })
  text!: string;
}

const createNotes = (type: string) =>
  class CreateNotes1700000000000 implements MigrationInterface {
    name = 'CreateNotes1700000000000';
    async up(queryRunner: QueryRunner) {
      await queryRunner.query(`CREATE TABLE note (id varchar(64) NOT NULL PRIMARY KEY, text varchar(200) NOT NULL)${type}`);
    }
    async down(queryRunner: QueryRunner) {
      await queryRunner.query('DROP TABLE note');
    }
  };

let loaderSets = 0;
const notes = defineSubgraph({
  name: 'kit-notes',
  defaultPort: 4999,
  schema: join(__dirname, 'fixtures', 'notes.graphql'),
  entities: [NoteEntity],
  migrations: { sqlite: [createNotes('')], mysql: [createNotes(' ENGINE=InnoDB')] },
  config: {
    variables: { NOTES_GREETING: env.integer(1, 1, 3) },
    read: (parsed) => ({ greeting: parsed.NOTES_GREETING }),
    requiredInProduction: ['NOTES_GREETING'],
  },
  seed: async (dataSource: DataSource, config) => {
    if ((await dataSource.manager.count(NoteEntity)) > 0) return false;
    await dataSource.manager.insert(NoteEntity, { id: 'first', text: `hello x${config.greeting}` });
    return true;
  },
  services: (dataSource) => ({ notes: dataSource.getRepository(NoteEntity) }),
  loaders: () => ({ set: ++loaderSets }),
  resolvers: {
    Query: {
      notes: (_: unknown, __: unknown, context: { services: { notes: { find(): Promise<NoteEntity[]> } } }) =>
        context.services.notes.find(),
      requestId: (_: unknown, __: unknown, context: { requestId: string }) => context.requestId,
      loaderSets: () => loaderSets,
    },
    Note: { secret: () => 'hidden' },
  },
});

describe('defineSubgraph: config', () => {
  it('reads the kit variables under the subgraph prefix, and its own with them', () => {
    const config = notes.configFrom({ KIT_NOTES_PORT: '4100', KIT_NOTES_SQLITE_FILE: '/tmp/notes.sqlite', NOTES_GREETING: '3' });
    expect(config).toMatchObject({ name: 'kit-notes', port: 4100, host: '127.0.0.1', greeting: 3, seedSampleData: true });
    expect(config.database).toEqual({ url: undefined, replicaUrls: [], sqliteFile: '/tmp/notes.sqlite' });
    expect(notes.configFrom({}).port).toBe(4999);
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('reads read replicas beside a MySQL primary, and refuses them on SQLite or with other options, with the other problems', () => {
    const primary = 'mysql://app@db:3306/notes';
    const config = notes.configFrom({
      KIT_NOTES_DATABASE_URL: primary,
      KIT_NOTES_DATABASE_REPLICA_URLS: ' mysql://app@replica-1:3306/notes, mysql://app@replica-2:3306/notes ',
      DATABASE_REPLICA_MAX_LAG_MS: '2000',
      REDIS_URL: 'redis://127.0.0.1:6379',
    });
    expect(config.database.replicaUrls).toEqual(['mysql://app@replica-1:3306/notes', 'mysql://app@replica-2:3306/notes']);
    expect(config.replicas).toEqual({ maxLagMs: 2000, checkMs: 500 });
    expect(config.redisUrl).toBe('redis://127.0.0.1:6379');
    const problemsOf = (environment: Record<string, string>) => {
      try {
        notes.configFrom(environment);
        return [];
      } catch (error) {
        return (error as ConfigError).problems;
      }
    };
    expect(problemsOf({ KIT_NOTES_DATABASE_REPLICA_URLS: 'mysql://app@replica-1:3306/notes', LOG_LEVEL: 'loud' })).toEqual([
      expect.stringMatching(/^LOG_LEVEL:/),
      'KIT_NOTES_DATABASE_REPLICA_URLS: replicas need a primary: set the DATABASE_URL too (SQLite has no replicas)',
    ]);
    expect(problemsOf({ KIT_NOTES_DATABASE_URL: primary, KIT_NOTES_DATABASE_REPLICA_URLS: 'mysql://app@r:3306/notes?debug=true' })).toEqual(
      [
        expect.stringMatching(/^KIT_NOTES_DATABASE_REPLICA_URLS.*the option "debug" is not allowed/),
        expect.stringMatching(/^KIT_NOTES_DATABASE_REPLICA_URLS: the option "debug" is not allowed/),
      ],
    );
    expect(problemsOf({ KIT_NOTES_DATABASE_URL: primary, KIT_NOTES_DATABASE_REPLICA_URLS: 'mysql://app@r:3306/notes?ssl=true' })).toEqual([
      "KIT_NOTES_DATABASE_REPLICA_URLS: a replica URL's options (ssl, connectTimeout) must be the primary URL's",
    ]);
    expect(problemsOf({ REDIS_URL: 'localhost:6379' })).toEqual([expect.stringMatching(/^REDIS_URL: expected redis:\/\//)]);
  });

  it('names every bad variable at once, the kit and its own alike', () => {
    let problems: string[] = [];
    try {
      notes.configFrom({ KIT_NOTES_PORT: 'eighty', LOG_LEVEL: 'loud', NOTES_GREETING: '9' });
    } catch (error) {
      problems = (error as ConfigError).problems;
    }
    expect(problems.map((problem) => problem.split(':')[0])).toEqual(['LOG_LEVEL', 'KIT_NOTES_PORT', 'NOTES_GREETING']);
  });

  it('in production, needs a token key, its secret and its own required variables, and listens on every interface', () => {
    expect(() => notes.configFrom({ NODE_ENV: 'production' })).toThrow(
      new ConfigError([
        'AUTH_JWT_SECRET or AUTH_JWKS_URL: required in production',
        'KIT_NOTES_SUBGRAPH_SECRET: required in production',
        'NOTES_GREETING: required in production',
      ]),
    );
    const secret = 'a-production-secret-of-at-least-32-characters';
    const production = { NODE_ENV: 'production', AUTH_JWT_SECRET: secret, KIT_NOTES_SUBGRAPH_SECRET: secret, NOTES_GREETING: '2' };
    expect(notes.configFrom(production)).toMatchObject({ host: '0.0.0.0', seedSampleData: false, gatewaySecret: secret });
    expect(notes.configFrom({ ...production, KIT_NOTES_HOST: '10.0.0.5' }).host).toBe('10.0.0.5');
  });
});

describe.each(testDialects())('defineSubgraph: a served subgraph (%s)', (dialect) => {
  let database: TestDatabase;
  let server: RunningSubgraph;
  const start = () =>
    notes.start(
      notes.configFrom({
        KIT_NOTES_PORT: '0',
        KIT_NOTES_DATABASE_URL: database.url,
        KIT_NOTES_SQLITE_FILE: database.sqliteFile,
        NOTES_GREETING: '2',
      }),
      pino({ level: 'silent' }),
    );

  beforeAll(async () => {
    database = await createTestDatabase(dialect, 'kit-notes');
    server = await start();
  });
  afterAll(async () => {
    await server?.close();
    await database?.drop();
  });

  it('migrates its tables and the kit’s idempotency keys, and seeds an empty database once', async () => {
    const tables = (await server.dataSource.query('SELECT COUNT(*) AS n FROM idempotency_key'))[0];
    expect(Number(tables.n)).toBe(0);
    await server.close();
    server = await start();
    expect(await graphql(server.url, '{ notes { id text } }')).toMatchObject({ data: { notes: [{ id: 'first', text: 'hello x2' }] } });
  });

  it('serves the shared SDL it imports, and gives each request its own loaders and request id', async () => {
    const sdl = await graphql<{ _service: { sdl: string } }>(server.url, '{ _service { sdl } }');
    expect(sdl.data?._service.sdl).toMatch(/^type UserError\b/m);
    expect(sdl.data?._service.sdl).toMatch(/directive @requiresScope/);
    const before = loaderSets;
    const first = await graphql<{ requestId: string; loaderSets: number }>(server.url, '{ requestId loaderSets }');
    const second = await graphql<{ requestId: string; loaderSets: number }>(server.url, '{ requestId loaderSets }');
    expect(first.data?.loaderSets).toBe(before + 1);
    expect(second.data?.loaderSets).toBe(before + 2);
    expect(first.data?.requestId).not.toBe(second.data?.requestId);
  });

  it('enforces the shared @requiresScope directive', async () => {
    const anonymous = await graphql(server.url, '{ notes { secret } }');
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const reader = await graphql(server.url, '{ notes { secret } }', { token: tokenWith('talent:read') });
    expect(reader).toMatchObject({ data: { notes: [{ secret: 'hidden' }] } });
  });
});
