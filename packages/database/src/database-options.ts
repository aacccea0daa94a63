import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { DataSourceOptions, Logger, MixedList, EntitySchema } from 'typeorm';

/** The two dialects every service supports. */
export type Dialect = 'sqlite' | 'mysql';

/** Options of {@link databaseOptions}. */
export interface DatabaseOptionsInput {
  /** `mysql://user:password@host:port/database`; unset means the SQLite file. */
  url?: string | undefined;
  /** The embedded database file, used when `url` is unset. */
  sqliteFile: string;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: MixedList<Function | string | EntitySchema>;
  /** Migrations per dialect, listed explicitly and applied in order. */
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: Record<Dialect, Function[]>;
  /** MySQL pool size. Default: 10. */
  poolSize?: number;
  /** Requests that may wait for a pooled connection before new ones are refused. Default: 500. */
  poolQueueLimit?: number;
  /** SQLite busy timeout in ms: how long a writer waits for the lock. Default: 5000. */
  sqliteBusyTimeoutMs?: number;
  logger?: Logger;
}

export function dialectOf(url: string | undefined): Dialect {
  return url ? 'mysql' : 'sqlite';
}

/**
 * TypeORM options for either dialect. `synchronize` is always off: the schema
 * comes only from migrations, so a deploy never drops a column by accident.
 */
export function databaseOptions(input: DatabaseOptionsInput): DataSourceOptions {
  const common = {
    entities: input.entities,
    synchronize: false,
    migrationsRun: false,
    ...(input.logger ? { logger: input.logger } : {}),
  } as const;
  if (input.url) {
    return {
      ...common,
      type: 'mysql',
      url: input.url,
      charset: 'utf8mb4_unicode_ci',
      timezone: 'Z',
      migrations: input.migrations.mysql,
      poolSize: input.poolSize ?? 10,
      extra: {
        waitForConnections: true,
        queueLimit: input.poolQueueLimit ?? 500,
        enableKeepAlive: true,
        connectTimeout: 10_000,
      },
    };
  }
  if (input.sqliteFile !== ':memory:') mkdirSync(dirname(input.sqliteFile), { recursive: true });
  return {
    ...common,
    type: 'better-sqlite3',
    database: input.sqliteFile,
    migrations: input.migrations.sqlite,
    // WAL lets readers go on while one writer writes; the busy timeout makes
    // concurrent writers queue instead of failing with SQLITE_BUSY.
    enableWAL: true,
    timeout: input.sqliteBusyTimeoutMs ?? 5000,
  };
}
