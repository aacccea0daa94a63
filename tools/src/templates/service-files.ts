import type { SubgraphNames } from '../names';

/** What the templates take besides the names. */
export interface TemplateContext {
  port: number;
  /** Milliseconds since 1970: the migration's timestamp and class name. */
  migrationTimestamp: number;
  /** The working group that owns the subgraph, e.g. @nlai/skills-working-group. */
  owner: string;
  /** Blocks every subgraph's SDL repeats word for word, taken from an existing subgraph. */
  shared: SharedSdl;
  /** The Dockerfile of an existing subgraph, rewritten for this one. */
  dockerfile: string;
}

/** Definitions every subgraph declares identically, so composition merges them without hints. */
export interface SharedSdl {
  directive: string;
  query: string;
  mutation: string;
  types: string;
}

/** Every file of a new subgraph, by path relative to its folder. */
export function serviceFiles(n: SubgraphNames, context: TemplateContext): Record<string, string> {
  const { port, migrationTimestamp: ts } = context;
  const E = n.entity;
  const e = n.entityCamel;
  return {
    'package.json': `${JSON.stringify(
      {
        name: n.package,
        version: '0.0.0',
        private: true,
        description: `${n.title} subgraph: ${n.entityPlural}.`,
        main: 'dist/index.js',
        files: ['dist'],
        scripts: {
          build: 'tsc -p tsconfig.build.json && node ../../scripts/copy-sdl.mjs',
          start: 'node dist/index.js',
          dev: 'tsx watch src/index.ts',
          migrate: 'node dist/migrate.js',
          typecheck: 'tsc --noEmit',
          lint: 'eslint src test',
          test: 'jest',
        },
        dependencies: {
          '@apollo/server': '^5.5.1',
          '@apollo/subgraph': '~2.14.4',
          '@nlai/auth': '*',
          '@nlai/config': '*',
          '@nlai/database': '*',
          '@nlai/errors': '*',
          '@nlai/http-server': '*',
          '@nlai/paging': '*',
          '@nlai/subgraph-kit': '*',
          dataloader: '^2.2.3',
          graphql: '^16.11.0',
          'reflect-metadata': '^0.2.2',
          typeorm: '~1.1.1',
        },
        devDependencies: { '@nlai/jest-preset': '*', '@nlai/testing': '*', '@nlai/tsconfig': '*' },
      },
      null,
      2,
    )}\n`,

    'tsconfig.json': `{
  "extends": "@nlai/tsconfig/base.json",
  "compilerOptions": { "rootDir": ".", "noEmit": true, "types": ["node", "jest"] },
  "include": ["src", "test"]
}
`,
    'tsconfig.build.json': `{
  "extends": "@nlai/tsconfig/base.json",
  "compilerOptions": { "rootDir": "src", "outDir": "dist", "declaration": false, "declarationMap": false },
  "include": ["src"]
}
`,
    'jest.config.js': `module.exports = { preset: '@nlai/jest-preset' };\n`,
    Dockerfile: context.dockerfile,

    'README.md': `# ${n.title} subgraph

Owner: **${context.owner}** (see \`.github/CODEOWNERS\`).

Owns: \`${E}\`. Extends: nothing yet (to add fields to another subgraph's
entity, declare it here with its \`@key\` and the fields this subgraph adds).

| | |
|---|---|
| port | ${port} (\`${n.prefix}_PORT\`) |
| database | SQLite \`.data/${n.service}.sqlite\`, or \`${n.prefix}_DATABASE_URL=mysql://…\` |
| write scope | \`${n.writeScope}\` |
| gateway secret | \`${n.prefix}_SUBGRAPH_SECRET\` (required in production) |

On its own, from the repository root:

\`\`\`sh
npx turbo run build --filter=${n.package}            # build it and what it depends on
npx turbo run test --filter=${n.package}             # its tests (SQLite; MySQL too with TEST_MYSQL_URL)
npm run migrate --workspace=${n.package}             # apply pending migrations and exit
npm start --workspace=${n.package}                   # serve it on :${port}
npm run schema:check                                 # before merging a schema change
\`\`\`

Change its schema: edit \`src/schema.graphql\`, run \`npm run compose\` and
\`npm run codegen\` (its resolver types, \`src/generated/resolvers-types.ts\`), then
\`npm run schema:check\`. A data model change gets a migration for both
dialects in \`src/migrations/\`.
`,

    'src/schema.graphql': `extend schema
  @link(url: "https://specs.apollo.dev/federation/v2.9", import: ["@listSize", "@key", "@shareable"])

${context.shared.directive}

${context.shared.query}
  "${n.title}: every ${e}, alphabetically."
  ${n.entityPlural}(first: Int, after: String): ${E}Connection
    @listSize(slicingArguments: ["first"], sizedFields: ["edges"], assumedSize: 20, requireOneSlicingArgument: false)
  "One ${e} by id; null when there is none."
  ${e}(id: ID!): ${E}
}

${context.shared.mutation}
  "Adds a ${e}."
  ${e}Create(input: ${E}CreateInput!): ${E}CreatePayload @requiresScope(scope: "${n.writeScope}")
}

${context.shared.types}

"A ${e} of the ${n.title} subgraph."
type ${E} @key(fields: "id") {
  "Stable id, made from the name."
  id: ID!
  "Name, unique in any letter case."
  name: String!
}

"A page of ${n.entityPlural}."
type ${E}Connection {
  "${E}s on all pages."
  totalCount: Int!
  "The ${n.entityPlural} of this page, in order."
  edges: [${E}Edge!]!
  "Where this page ends and whether another follows."
  pageInfo: PageInfo!
}

"A ${e} and its position in the list."
type ${E}Edge {
  "Position of this ${e}; pass it as \`after\` to continue after it."
  cursor: String!
  "The ${e}."
  node: ${E}!
}

"A new ${e}."
input ${E}CreateInput {
  "Unique in any letter case; at most 200 characters."
  name: String!
  "A retry with the same key returns the first result and writes nothing; 1 to 100 letters, digits or . _ : -. Results of successful writes are kept."
  idempotencyKey: String
}

"The result of ${e}Create."
type ${E}CreatePayload {
  "The new ${e}; null when the input had mistakes."
  ${e}: ${E}
  "Mistakes in the input; empty when the ${e} was created."
  userErrors: [UserError!]!
    @listSize(assumedSize: 10)
}
`,

    'src/resolvers-types.yaml': `# Settings of src/generated/resolvers-types.ts (\`npm run codegen\`). Module paths
# are as the generated file imports them. Mappers: what resolvers return for a
# GraphQL type, so a field resolver's parent is the entity, not the schema type.
contextType: ../context#Context
mappers:
  ${E}: ../entities#${E}Entity
  # Lists are built by @nlai/paging: totalCount is a function, run only when asked for.
  ${E}Connection: "@nlai/paging#Connection<${E}Entity>"
`,

    'src/config.ts': `import { resolve } from 'node:path';
import { authEnvironment, subgraphSecret, tokenKeyVariables, tokenOptionsFrom } from '@nlai/auth';
import { env, loadConfig, z } from '@nlai/config';
import { databaseUrlVariable } from '@nlai/database';
import { httpEnvironment, httpTimeoutsFrom } from '@nlai/http-server';

const schema = z.object({
  NODE_ENV: env.nodeEnv(),
  LOG_LEVEL: env.logLevel(),
  ${n.prefix}_PORT: env.port(${port}),
  ${n.prefix}_HOST: env.host('127.0.0.1'),
  ${n.prefix}_DATABASE_URL: databaseUrlVariable(),
  ${n.prefix}_SQLITE_FILE: z.string().default('.data/${n.service}.sqlite'),
  /** Seeds the sample data into an empty database; default on outside production. */
  SEED_SAMPLE_DATA: env.optionalFlag(),
  /** Adds \`x-sql-statements\` to responses, for tests and benchmarks. */
  EXPOSE_SQL_STATEMENT_COUNT: env.flag(false),
  /** Shared with the gateway only; when set, only requests it signed are answered. */
  ${n.prefix}_SUBGRAPH_SECRET: subgraphSecret(),
  ...authEnvironment,
  ...httpEnvironment,
});

/** Everything this service reads from its environment, parsed once at boot. */
export type Config = ReturnType<typeof configFrom>;

/** Parses the environment; throws a ConfigError naming every bad variable. */
export function configFrom(environment: Record<string, string | undefined>) {
  const parsed = loadConfig(schema, environment, { requiredInProduction: [tokenKeyVariables, '${n.prefix}_SUBGRAPH_SECRET'] });
  const production = parsed.NODE_ENV === 'production';
  return Object.freeze({
    production,
    logLevel: parsed.LOG_LEVEL,
    port: parsed.${n.prefix}_PORT,
    host: parsed.${n.prefix}_HOST,
    http: httpTimeoutsFrom(parsed),
    database: Object.freeze({ url: parsed.${n.prefix}_DATABASE_URL, sqliteFile: resolve(parsed.${n.prefix}_SQLITE_FILE) }),
    seedSampleData: parsed.SEED_SAMPLE_DATA ?? !production,
    exposeStatementCount: parsed.EXPOSE_SQL_STATEMENT_COUNT,
    tokens: tokenOptionsFrom(parsed),
    gatewaySecret: parsed.${n.prefix}_SUBGRAPH_SECRET,
  });
}

/** The config of this process, from its environment. */
export const readConfig = () => configFrom(process.env);
`,

    'src/context.ts': `import type { AuthContext } from '@nlai/auth';
import type { Loaders } from './loaders';
import type { Repositories } from './repositories';
import type { ${E}Service } from './services/${n.entityKebab}.service';

/** Long-lived parts, made once per process. */
export interface Services {
  repositories: Repositories;
  ${n.entityPlural}: ${E}Service;
}

/** What every resolver receives. */
export interface Context {
  auth: AuthContext;
  requestId: string;
  /** Made fresh for each request, so nothing cached leaks between callers. */
  loaders: Loaders;
  services: Services;
}
`,

    'src/data-source.ts': `import { databaseOptions, type DatabaseOptionsInput } from '@nlai/database';
import type { DataSourceOptions } from 'typeorm';
import { entities } from './entities';
import { migrations } from './migrations';

/** TypeORM options of this service for its configured database. */
export function dataSourceOptions(database: { url?: string | undefined; sqliteFile: string }, logger?: DatabaseOptionsInput['logger']): DataSourceOptions {
  return databaseOptions({ ...database, entities, migrations, ...(logger ? { logger } : {}) });
}
`,

    [`src/entities/${n.entityKebab}.entity.ts`]: `import { IdColumn, TextColumn } from '@nlai/database';
import { Entity, Index } from 'typeorm';

/** A ${e}. */
@Entity({ name: '${n.table}' })
export class ${E}Entity {
  @IdColumn()
  id!: string;

  @Index('uq_${n.table}_name', { unique: true })
  @TextColumn(200)
  name!: string;
}
`,
    'src/entities/index.ts': `import { IdempotencyKeyEntity } from '@nlai/database';
import { ${E}Entity } from './${n.entityKebab}.entity';

export { ${E}Entity };

export const entities = [IdempotencyKeyEntity, ${E}Entity];
`,

    [`src/migrations/sqlite/${ts}-initial.ts`]: `import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The ${n.table} table (SQLite). */
export class Initial${ts} implements MigrationInterface {
  name = 'Initial${ts}';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(\`CREATE TABLE "${n.table}" ("id" varchar(64) PRIMARY KEY NOT NULL, "name" varchar(200) NOT NULL)\`);
    await queryRunner.query(\`CREATE UNIQUE INDEX "uq_${n.table}_name" ON "${n.table}" ("name")\`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(\`DROP TABLE "${n.table}"\`);
  }
}
`,
    [`src/migrations/mysql/${ts}-initial.ts`]: `import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The ${n.table} table (MySQL). */
export class Initial${ts} implements MigrationInterface {
  name = 'Initial${ts}';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE \`${n.table}\` (\`id\` varchar(64) NOT NULL, \`name\` varchar(200) NOT NULL, UNIQUE INDEX \`uq_${n.table}_name\` (\`name\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE \`${n.table}\`');
  }
}
`,
    'src/migrations/index.ts': `import { IdempotencyKeysMysql1764460800000, IdempotencyKeysSqlite1764460800000 } from '@nlai/database';
import { Initial${ts} as InitialMysql } from './mysql/${ts}-initial';
import { Initial${ts} as InitialSqlite } from './sqlite/${ts}-initial';

/** Every migration of this service, per dialect, in the order they apply. */
export const migrations = {
  sqlite: [InitialSqlite, IdempotencyKeysSqlite1764460800000],
  mysql: [InitialMysql, IdempotencyKeysMysql1764460800000],
};
`,

    [`src/repositories/${n.entityKebab}.repository.ts`]: `import { EntityRepository } from '@nlai/database';
import { entityOrdering, keysetConnection, type Connection, type PageArguments } from '@nlai/paging';
import { ${E}Entity } from '../entities';

/** Alphabetical. */
const byName = entityOrdering<${E}Entity>('${n.entityPlural}:name', '${e}', [{ column: 'name', direction: 'ASC', type: 'string' }]);

/** ${E} reads and writes; all SQL about ${n.entityPlural} lives here. */
export class ${E}Repository extends EntityRepository.of(${E}Entity, '${e}') {
  /** The \`${n.entityPlural}\` list: one page, alphabetical. */
  list(args: PageArguments): Promise<Connection<${E}Entity>> {
    return keysetConnection(args, byName, () => this.query());
  }

  /** The ${e} with this name in any letter case, if any. */
  findByName(name: string): Promise<${E}Entity | null> {
    return this.query().where('LOWER(${e}.name) = :name', { name: name.toLowerCase() }).getOne();
  }
}
`,
    'src/repositories/index.ts': `import { repositoriesOf } from '@nlai/database';
import { ${E}Repository } from './${n.entityKebab}.repository';

/** The repositories of this service, by name, each bound to the same entity manager. */
export type Repositories = ReturnType<typeof repositories>;

/** Every repository of this service, bound to one entity manager (the pool, or a transaction). */
export const repositories = repositoriesOf({ ${n.entityPlural}: ${E}Repository });
`,

    'src/loaders.ts': `import { onePer } from '@nlai/database';
import DataLoader from 'dataloader';
import type { ${E}Entity } from './entities';
import type { Repositories } from './repositories';

/** Per-request batch loaders: the N lookups of one execution step become one \`IN (…)\` query. */
export function createLoaders({ ${n.entityPlural} }: Repositories) {
  return {
    ${e}ById: new DataLoader<string, ${E}Entity | null>(async (ids) => onePer(ids, await ${n.entityPlural}.findByIds(ids), (${e}) => ${e}.id)),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
`,

    [`src/services/${n.entityKebab}.service.ts`]: `import type { AuthContext } from '@nlai/auth';
import { slugify } from '@nlai/database';
import { checkText, type UserError } from '@nlai/errors';
import { MutationPipeline } from '@nlai/subgraph-kit';
import type { DataSource } from 'typeorm';
import type { ${E}CreateInput, ResolversParentTypes } from '../generated/resolvers-types';
import { repositories, type Repositories } from '../repositories';

type ${E}CreatePayload = ResolversParentTypes['${E}CreatePayload'];

/** Creates ${n.entityPlural}: the rules of a ${e}; the mutation pipeline validates and writes. */
export class ${E}Service {
  private readonly mutations: MutationPipeline<Repositories>;

  constructor(dataSource: DataSource) {
    this.mutations = new MutationPipeline(dataSource, repositories);
  }

  /** The caller (\`auth.subject\`) scopes the idempotency key. */
  create(input: ${E}CreateInput, auth: AuthContext): Promise<${E}CreatePayload> {
    return this.mutations.run(
      { operation: '${e}Create', input, auth },
      {
        refused: (userErrors: UserError[]): ${E}CreatePayload => ({ ${e}: null, userErrors }),
        raceLost: { field: ['input', 'name'], code: 'TAKEN', message: 'A ${e} with this name was created at the same time.' },
        validate: async ({ ${n.entityPlural} }, errors) => {
          const name = checkText(errors, ['input', 'name'], input.name, 200, 'The name');
          if (name && (await ${n.entityPlural}.findByName(name))) errors.add(['input', 'name'], 'TAKEN', \`A ${e} named "\${name}" already exists.\`);
          if (errors.any || !name) return undefined;
          let id = slugify(name);
          for (let suffix = 2; await ${n.entityPlural}.idExists(id); suffix += 1) id = \`\${slugify(name)}-\${suffix}\`;
          return { id, name };
        },
        write: async ({ ${n.entityPlural} }, ${e}) => {
          await ${n.entityPlural}.insert(${e});
          return { ${e}, userErrors: [] };
        },
      },
    );
  }
}
`,

    'src/resolvers/Query.ts': `import type { QueryResolvers } from '../generated/resolvers-types';

export const Query: QueryResolvers = {
  ${n.entityPlural}: (_, args, { services }) => services.repositories.${n.entityPlural}.list(args),

  ${e}: (_, { id }, { loaders }) => loaders.${e}ById.load(id),
};
`,
    'src/resolvers/Mutation.ts': `import type { MutationResolvers } from '../generated/resolvers-types';

export const Mutation: MutationResolvers = {
  ${e}Create: (_, { input }, { services, auth }) => services.${n.entityPlural}.create(input, auth),
};
`,
    [`src/resolvers/${E}.ts`]: `import type { ${E}Resolvers } from '../generated/resolvers-types';

export const ${E}: ${E}Resolvers = {
  __resolveReference: ({ id }, { loaders }) => loaders.${e}ById.load(id),
};
`,
    'src/resolvers/index.ts': `import type { Resolvers } from '../generated/resolvers-types';
import { ${E} } from './${E}';
import { Mutation } from './Mutation';
import { Query } from './Query';

export const resolvers: Resolvers = { Query, Mutation, ${E} };
`,

    'src/seed/sample-data.ts': `/** Sample ${n.entityPlural}: placeholders, named "(sample)", until the working group has real ones. */
export const sample${E}s = [
  { id: 'first-sample-${n.entityKebab}', name: 'First sample ${e} (sample)' },
  { id: 'second-sample-${n.entityKebab}', name: 'Second sample ${e} (sample)' },
  { id: 'third-sample-${n.entityKebab}', name: 'Third sample ${e} (sample)' },
];
`,
    'src/seed/seed.ts': `import type { DataSource } from 'typeorm';
import { ${E}Entity } from '../entities';
import { sample${E}s } from './sample-data';

/** Seeds the sample data into an empty database, in one transaction; false when it already holds data. */
export async function seedSampleData(dataSource: DataSource): Promise<boolean> {
  return dataSource.transaction(async (manager) => {
    if ((await manager.count(${E}Entity)) > 0) return false;
    await manager.insert(${E}Entity, sample${E}s);
    return true;
  });
}
`,

    'src/server.ts': `import { join } from 'node:path';
import { CountingLogger, openDatabase } from '@nlai/database';
import { createLogger, type Logger } from '@nlai/http-server';
import { startSubgraph, type RunningSubgraph } from '@nlai/subgraph-kit';
import type { Config } from './config';
import type { Context, Services } from './context';
import { dataSourceOptions } from './data-source';
import { createLoaders } from './loaders';
import { repositories } from './repositories';
import { resolvers } from './resolvers';
import { seedSampleData } from './seed/seed';
import { ${E}Service } from './services/${n.entityKebab}.service';

/**
 * Opens and migrates the database, seeds it when empty (outside production),
 * and serves the subgraph. Tests call this; \`index.ts\` only adds signals.
 */
export async function createServer(config: Config, logger: Logger = createLogger('${n.service}', config.logLevel)): Promise<RunningSubgraph> {
  const { dataSource, applied } = await openDatabase(dataSourceOptions(config.database, new CountingLogger(logger)));
  logger.info({ dialect: config.database.url ? 'mysql' : 'sqlite', migrationsApplied: applied }, 'database ready');
  if (config.seedSampleData && (await seedSampleData(dataSource))) logger.info('seeded the sample data');

  const services: Services = { repositories: repositories(dataSource.manager), ${n.entityPlural}: new ${E}Service(dataSource) };
  return startSubgraph<Context>({
    name: '${n.service}',
    sdlFile: join(__dirname, 'schema.graphql'),
    resolvers,
    dataSource,
    context: (base) => ({ ...base, services, loaders: createLoaders(services.repositories) }),
    tokens: config.tokens,
    gatewaySecret: config.gatewaySecret,
    port: config.port,
    ...config.http,
    host: config.host,
    production: config.production,
    exposeStatementCount: config.exposeStatementCount,
    logger,
  });
}
`,
    'src/index.ts': `import 'reflect-metadata';
import { boot } from '@nlai/http-server';
import { readConfig } from './config';
import { createServer } from './server';

boot('${n.service}', readConfig, createServer);
`,
    'src/migrate.ts': `import 'reflect-metadata';
import { migrateOnly } from '@nlai/database';
import { readConfig } from './config';
import { dataSourceOptions } from './data-source';

// \`npm run migrate\`: applies pending migrations and exits, without serving.
void migrateOnly(dataSourceOptions(readConfig().database));
`,

    'test/subgraph.test.ts': `import { ConfigError } from '@nlai/config';
import type { RunningSubgraph } from '@nlai/subgraph-kit';
import { createTestDatabase, graphql, testDialects, tokenWith, type TestDatabase } from '@nlai/testing';
import { configFrom } from '../src/config';
import { createServer } from '../src/server';

describe.each(testDialects())('the ${n.title} subgraph (%s)', (dialect) => {
  let database: TestDatabase;
  let server: RunningSubgraph;

  beforeAll(async () => {
    database = await createTestDatabase(dialect, '${n.database}');
    server = await createServer(
      configFrom({ ${n.prefix}_PORT: '0', ${n.prefix}_DATABASE_URL: database.url, ${n.prefix}_SQLITE_FILE: database.sqliteFile, LOG_LEVEL: 'silent' }),
    );
  });
  afterAll(async () => {
    await server?.close();
    await database?.drop();
  });

  const create = 'mutation($input: ${E}CreateInput!) { ${e}Create(input: $input) { ${e} { id name } userErrors { field code } } }';

  it('builds its schema from its migrations alone, matching its entities exactly', async () => {
    const pending = await server.dataSource.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((query) => query.query)).toEqual([]);
  });

  it('lists the seeded ${n.entityPlural}, alphabetically, a page at a time', async () => {
    const result = await graphql<{ ${n.entityPlural}: { totalCount: number; edges: Array<{ node: { name: string } }>; pageInfo: { hasNextPage: boolean } } }>(
      server.url,
      '{ ${n.entityPlural}(first: 2) { totalCount edges { node { name } } pageInfo { hasNextPage } } }',
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!.${n.entityPlural}).toEqual({
      totalCount: 3,
      edges: [{ node: { name: 'First sample ${e} (sample)' } }, { node: { name: 'Second sample ${e} (sample)' } }],
      pageInfo: { hasNextPage: true },
    });
  });

  it('resolves entity references by key, null for an unknown one', async () => {
    const result = await graphql<{ _entities: unknown[] }>(server.url, 'query($r: [_Any!]!) { _entities(representations: $r) { ... on ${E} { id name } } }', {
      variables: { r: [{ __typename: '${E}', id: 'first-sample-${n.entityKebab}' }, { __typename: '${E}', id: 'none' }] },
    });
    expect(result.data!._entities).toEqual([{ id: 'first-sample-${n.entityKebab}', name: 'First sample ${e} (sample)' }, null]);
  });

  it('creates a ${e} with the ${n.writeScope} scope, and refuses an empty or taken name with userErrors', async () => {
    const token = tokenWith('${n.writeScope}');
    const created = await graphql(server.url, create, { token, variables: { input: { name: 'A real ${e}' } } });
    expect(created.data).toEqual({ ${e}Create: { ${e}: { id: 'a-real-${e.toLowerCase()}', name: 'A real ${e}' }, userErrors: [] } });
    const blank = await graphql(server.url, create, { token, variables: { input: { name: '  ' } } });
    expect(blank.data).toEqual({ ${e}Create: { ${e}: null, userErrors: [{ field: ['input', 'name'], code: 'BLANK' }] } });
    const taken = await graphql(server.url, create, { token, variables: { input: { name: 'a REAL ${e}' } } });
    expect(taken.data).toEqual({ ${e}Create: { ${e}: null, userErrors: [{ field: ['input', 'name'], code: 'TAKEN' }] } });
  });

  it('refuses a write without its scope', async () => {
    const anonymous = await graphql(server.url, create, { variables: { input: { name: 'Nobody’s ${e}' } } });
    expect(anonymous.errors?.map((error) => error.extensions?.code)).toEqual(['UNAUTHENTICATED']);
    const other = await graphql(server.url, create, { token: tokenWith('talent:read'), variables: { input: { name: 'Nobody’s ${e}' } } });
    expect(other.errors?.map((error) => error.extensions?.code)).toEqual(['FORBIDDEN']);
  });
});

describe('configuration', () => {
  it('needs its secrets in production, naming each', () => {
    expect(() => configFrom({ NODE_ENV: 'production' })).toThrow(ConfigError);
    expect(() => configFrom({ NODE_ENV: 'production' })).toThrow(/${n.prefix}_SUBGRAPH_SECRET: required in production/);
  });
});
`,
  };
}
