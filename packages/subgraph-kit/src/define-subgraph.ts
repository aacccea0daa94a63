import { migrateOnly, openDatabase, onPrimary, CountingLogger, databaseOptions, IdempotencyKeyEntity } from '@nlai/database';
import { connectSharedState } from '@nlai/shared-state';
import { SharedNonceStore, shareWrites } from './shared-subgraph-state';
import { IdempotencyKeysMysql1764460800000, IdempotencyKeysSqlite1764460800000, type DatabaseOptionsInput } from '@nlai/database';
import { createLogger, type Logger } from '@nlai/http-server';
import type { z } from '@nlai/config';
import type { DataSource, DataSourceOptions } from 'typeorm';
import { loadSubgraphSdl } from '@nlai/subgraph-sdl';
import { startSubgraph, type BaseContext, type RunningSubgraph } from './start-subgraph';
import { subgraphConfigFrom, type OwnConfig, type SubgraphConfig } from './subgraph-config';

/** What every resolver of a subgraph receives: the caller, the request id, the long-lived services and this request's loaders. */
export type SubgraphContext<Services, Loaders> = BaseContext & {
  services: Services;
  /** Made fresh for each request, so nothing cached leaks between callers. */
  loaders: Loaders;
};

/** A subgraph's domain: everything that differs between subgraphs. The kit does the rest. */
export interface SubgraphDefinition<Shape extends z.ZodRawShape, Own extends object, Services, Loaders> {
  /** Its name in schema/supergraph.yaml; also its environment prefix (`human-capital` → `HUMAN_CAPITAL_…`). */
  name: string;
  /** Where it listens unless `<PREFIX>_PORT` says otherwise. */
  defaultPort: number;
  /** Path of its SDL file, which imports the shared definitions (see subgraph-sdl.ts). */
  schema: string;
  /** One resolver object per GraphQL type (typed by the generated resolver types). */
  resolvers: Record<string, object>;
  /** Its TypeORM entities; the kit adds the idempotency-key table. */
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: Function[];
  /** Its migrations per dialect; the kit adds the idempotency-key table's. */
  migrations: DatabaseOptionsInput['migrations'];
  /** Seeds sample data into an empty database (outside production); false when it holds data already. */
  seed?: (dataSource: DataSource, config: SubgraphConfig<Own>) => Promise<boolean>;
  /** Its own environment variables, parsed with the kit's. */
  config?: OwnConfig<Shape, Own>;
  /** Its long-lived parts (repositories, services), made once per process. */
  services: (dataSource: DataSource, config: SubgraphConfig<Own>) => Services;
  /** Its per-request batch loaders. */
  loaders: (services: Services) => Loaders;
  /**
   * Work of its own beside serving (e.g. scheduled jobs), started once the
   * database is ready and before the first request; the function it returns
   * is called on close, before the database disconnects.
   */
  background?: (parts: { dataSource: DataSource; services: Services; config: SubgraphConfig<Own>; logger: Logger }) => Promise<() => void>;
}

/** A defined subgraph: what tests, `index.ts` and the tools call. */
export interface Subgraph<Own extends object> {
  name: string;
  /** Parses an environment into this subgraph's config; throws a ConfigError naming every bad variable. */
  configFrom(environment: Record<string, string | undefined>): SubgraphConfig<Own>;
  /** TypeORM options for the configured database, its migrations and entities included. */
  dataSourceOptions(config: SubgraphConfig<Own>, logger?: DatabaseOptionsInput['logger']): DataSourceOptions;
  /** Opens and migrates the database, seeds it when empty (if configured), and serves the subgraph. */
  start(config: SubgraphConfig<Own>, logger?: Logger): Promise<RunningSubgraph>;
  /** Applies pending migrations and closes the connection (`npm run migrate`). */
  migrate(config: SubgraphConfig<Own>): Promise<void>;
}

/**
 * Defines a subgraph from its domain alone: the kit owns HTTP serving,
 * gateway signatures, scopes, error masking, per-request loaders, health and
 * readiness, shutdown, logging, config, database and the shared SDL.
 */
export function defineSubgraph<Shape extends z.ZodRawShape, Own extends object, Services, Loaders>(
  definition: SubgraphDefinition<Shape, Own, Services, Loaders>,
): Subgraph<Own> {
  const entities = [...definition.entities, IdempotencyKeyEntity];
  // TypeORM applies migrations in the order of their timestamps, wherever the kit's stand in the list.
  const migrations = {
    sqlite: [...definition.migrations.sqlite, IdempotencyKeysSqlite1764460800000],
    mysql: [...definition.migrations.mysql, IdempotencyKeysMysql1764460800000],
  };
  const dataSourceOptions = (config: SubgraphConfig<Own>, logger?: DatabaseOptionsInput['logger']) =>
    databaseOptions({ ...config.database, entities, migrations, ...(logger ? { logger } : {}) });

  return {
    name: definition.name,
    configFrom: (environment) => subgraphConfigFrom(definition, environment),
    dataSourceOptions,
    // Migrations go to the primary alone: replicas get them through replication.
    migrate: (config) => migrateOnly(databaseOptions({ ...config.database, replicaUrls: [], entities, migrations })),
    async start(config, logger = createLogger(definition.name, config.logLevel)) {
      const { dataSource, applied, replicas } = await openDatabase(dataSourceOptions(config, new CountingLogger(logger)), {
        replicas: { ...config.replicas, logger },
      });
      logger.info(
        { dialect: config.database.url ? 'mysql' : 'sqlite', migrationsApplied: applied, readReplicas: config.database.replicaUrls.length },
        'database ready',
      );
      // Seeding and background jobs read what they then write: on the primary.
      if (config.seedSampleData && definition.seed && (await onPrimary(() => definition.seed!(dataSource, config))))
        logger.info({ scale: config.seedScale }, 'seeded the sample data');
      const services = definition.services(dataSource, config);
      const background = definition.background;
      const stopBackground = background ? await onPrimary(() => background({ dataSource, services, config, logger })) : undefined;
      const shared = config.redisUrl
        ? connectSharedState({ url: config.redisUrl, logger, keyPrefix: `nlai:${definition.name}:` })
        : undefined;
      const stopSharingWrites = shared && replicas ? shareWrites(replicas, shared, `nlai:${definition.name}:ryw`, logger) : undefined;
      const running = await startSubgraph<SubgraphContext<Services, Loaders>>({
        name: definition.name,
        typeDefs: loadSubgraphSdl(definition.schema),
        resolvers: definition.resolvers,
        dataSource,
        context: (base) => ({ ...base, services, loaders: definition.loaders(services) }),
        tokens: config.tokens,
        gatewaySecret: config.gatewaySecret,
        nonces: shared ? new SharedNonceStore(shared) : undefined,
        replicas,
        port: config.port,
        host: config.host,
        ...config.http,
        production: config.production,
        exposeStatementCount: config.exposeStatementCount,
        tracing: config.tracing,
        metricsPort: config.metricsPort,
        logger,
      });
      return {
        ...running,
        async close() {
          stopBackground?.();
          await running.close();
          await stopSharingWrites?.();
          await shared?.close();
        },
      };
    },
  };
}
