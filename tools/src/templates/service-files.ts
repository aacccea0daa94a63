import { defaultPageSize } from '@nlai/paging';
import type { SubgraphNames } from '../names';

/** What the templates take besides the names. */
export interface TemplateContext {
  port: number;
  /** Milliseconds since 1970: the migration's timestamp and class name. */
  migrationTimestamp: number;
  /** The working group that owns the subgraph, e.g. @nlai/skills-working-group. */
  owner: string;
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
          migrate: 'node dist/index.js migrate',
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
docker build -f services/Dockerfile --build-arg SUBGRAPH=${n.service} --build-arg PORT=${port} -t nlai/${n.service} .
\`\`\`

\`src/subgraph.ts\` defines it for \`@nlai/subgraph-kit\`, which serves it (config,
database, signatures, scopes, errors, health); everything else here is its domain.

Change its schema: edit \`src/schema.graphql\`, run \`npm run compose\` and
\`npm run codegen\` (its resolver types, \`src/generated/resolvers-types.ts\`), then
\`npm run schema:check\`. A data model change gets a migration for both
dialects in \`src/migrations/\`.
`,

    'src/schema.graphql': `# The roots, PageInfo, UserError, OrderDirection and @requiresScope: shared by every subgraph.
# import * from "@nlai/subgraph-kit/shared.graphql"
# import * from "@nlai/subgraph-kit/mutation.graphql"

extend schema
  @link(url: "https://specs.apollo.dev/federation/v2.9", import: ["@listSize", "@key", "@shareable"])

extend type Query {
  "${n.title}: every ${e}, alphabetically."
  ${n.entityPlural}(first: Int, after: String): ${E}Connection
    @listSize(slicingArguments: ["first"], sizedFields: ["edges"], assumedSize: ${defaultPageSize}, requireOneSlicingArgument: false)
  "One ${e} by id; null when there is none."
  ${e}(id: ID!): ${E}
}

extend type Mutation {
  "Adds a ${e}."
  ${e}Create(input: ${E}CreateInput!): ${E}CreatePayload @requiresScope(scope: "${n.writeScope}")
}

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

    'src/context.ts': `import type { SubgraphContext } from '@nlai/subgraph-kit';
import type { Loaders } from './loaders';
import type { Repositories } from './repositories';
import type { ${E}Service } from './services/${n.entityKebab}.service';

/** Long-lived parts, made once per process. */
export interface Services {
  repositories: Repositories;
  ${n.entityPlural}: ${E}Service;
}

/** What every resolver receives. */
export type Context = SubgraphContext<Services, Loaders>;
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
    'src/entities/index.ts': `import { ${E}Entity } from './${n.entityKebab}.entity';

export { ${E}Entity };

export const entities = [${E}Entity];
`,

    [`src/migrations/sqlite/${ts}-initial.ts`]: `import { sqlMigration } from '@nlai/database';

/** The ${n.table} table (SQLite). */
export const Initial${ts} = sqlMigration('Initial${ts}', {
  up: [
    'CREATE TABLE "${n.table}" ("id" varchar(64) PRIMARY KEY NOT NULL, "name" varchar(200) NOT NULL)',
    'CREATE UNIQUE INDEX "uq_${n.table}_name" ON "${n.table}" ("name")',
  ],
  down: ['DROP TABLE "${n.table}"'],
});
`,
    [`src/migrations/mysql/${ts}-initial.ts`]: `import { sqlMigration } from '@nlai/database';

/** The ${n.table} table (MySQL). */
export const Initial${ts} = sqlMigration('Initial${ts}', {
  up: [
    'CREATE TABLE \`${n.table}\` (\`id\` varchar(64) NOT NULL, \`name\` varchar(200) NOT NULL, UNIQUE INDEX \`uq_${n.table}_name\` (\`name\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci',
  ],
  down: ['DROP TABLE \`${n.table}\`'],
});
`,
    'src/migrations/index.ts': `import { Initial${ts} as InitialMysql } from './mysql/${ts}-initial';
import { Initial${ts} as InitialSqlite } from './sqlite/${ts}-initial';

/** Every migration of this service, per dialect, in the order they apply (the kit adds its idempotency-key table). */
export const migrations = {
  sqlite: [InitialSqlite],
  mysql: [InitialMysql],
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

    'src/subgraph.ts': `import { join } from 'node:path';
import { defineSubgraph } from '@nlai/subgraph-kit';
import type { Services } from './context';
import { entities } from './entities';
import { createLoaders } from './loaders';
import { migrations } from './migrations';
import { repositories } from './repositories';
import { resolvers } from './resolvers';
import { seedSampleData } from './seed/seed';
import { ${E}Service } from './services/${n.entityKebab}.service';

/** The ${n.title} subgraph: ${n.entityPlural}. */
export const ${n.serviceCamel} = defineSubgraph({
  name: '${n.service}',
  defaultPort: ${port},
  schema: join(__dirname, 'schema.graphql'),
  resolvers,
  entities,
  migrations,
  seed: (dataSource) => seedSampleData(dataSource),
  services: (dataSource): Services => ({ repositories: repositories(dataSource.manager), ${n.entityPlural}: new ${E}Service(dataSource) }),
  loaders: (services) => createLoaders(services.repositories),
});
`,
    'src/index.ts': `import { runSubgraph } from '@nlai/subgraph-kit';
import { ${n.serviceCamel} } from './subgraph';

runSubgraph(${n.serviceCamel});
`,

    'test/subgraph.test.ts': `import { expectRefused, graphql, pendingSchemaChanges, testDialects, tokenWith, useSubgraph } from '@nlai/testing';
import { ${n.serviceCamel} } from '../src/subgraph';

describe.each(testDialects())('the ${n.title} subgraph (%s)', (dialect) => {
  const server = useSubgraph(dialect, '${n.database}', (database) =>
    ${n.serviceCamel}.start(
      ${n.serviceCamel}.configFrom({ ${n.prefix}_PORT: '0', ${n.prefix}_DATABASE_URL: database.url, ${n.prefix}_SQLITE_FILE: database.sqliteFile, LOG_LEVEL: 'silent' }),
    ),
  );

  const create = 'mutation($input: ${E}CreateInput!) { ${e}Create(input: $input) { ${e} { id name } userErrors { field code message } } }';

  it('builds its schema from its migrations alone, matching its entities exactly', async () => {
    expect(await pendingSchemaChanges(server().dataSource)).toEqual([]);
  });

  it('lists the seeded ${n.entityPlural}, alphabetically, a page at a time', async () => {
    const result = await graphql<{ ${n.entityPlural}: { totalCount: number; edges: Array<{ node: { name: string } }>; pageInfo: { hasNextPage: boolean } } }>(
      server().url,
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
    const result = await graphql<{ _entities: unknown[] }>(server().url, 'query($r: [_Any!]!) { _entities(representations: $r) { ... on ${E} { id name } } }', {
      variables: { r: [{ __typename: '${E}', id: 'first-sample-${n.entityKebab}' }, { __typename: '${E}', id: 'none' }] },
    });
    expect(result.data!._entities).toEqual([{ id: 'first-sample-${n.entityKebab}', name: 'First sample ${e} (sample)' }, null]);
  });

  it('creates a ${e} with the ${n.writeScope} scope, and refuses an empty or taken name with userErrors', async () => {
    const token = tokenWith('${n.writeScope}');
    const created = await graphql(server().url, create, { token, variables: { input: { name: 'A real ${e}' } } });
    expect(created.data).toEqual({ ${e}Create: { ${e}: { id: 'a-real-${e.toLowerCase()}', name: 'A real ${e}' }, userErrors: [] } });
    expectRefused(await graphql(server().url, create, { token, variables: { input: { name: '  ' } } }), ['input.name:BLANK']);
    expectRefused(await graphql(server().url, create, { token, variables: { input: { name: 'a REAL ${e}' } } }), ['input.name:TAKEN']);
  });

  it('refuses a write without its scope', async () => {
    const anonymous = await graphql(server().url, create, { variables: { input: { name: 'Nobody’s ${e}' } } });
    expect(anonymous.errors?.map((error) => error.extensions?.code)).toEqual(['UNAUTHENTICATED']);
    const other = await graphql(server().url, create, { token: tokenWith('talent:read'), variables: { input: { name: 'Nobody’s ${e}' } } });
    expect(other.errors?.map((error) => error.extensions?.code)).toEqual(['FORBIDDEN']);
  });
});
`,
  };
}
