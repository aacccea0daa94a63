import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { DataSourceOptions, Logger, MixedList, EntitySchema } from 'typeorm';

/** The two dialects every service supports. */
export type Dialect = 'sqlite' | 'mysql';

/** Options of {@link databaseOptions}. */
export interface DatabaseOptionsInput {
  /** `mysql://user:password@host:port/database`; unset means the SQLite file. */
  url?: string | undefined;
  /**
   * Read replicas of `url` (MySQL/MariaDB only): reads outside transactions
   * go to them through TypeORM's replication, everything else to `url`.
   * Their query options must be the primary's (TypeORM applies one set to every pool).
   */
  replicaUrls?: readonly string[] | undefined;
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

/**
 * The options a `mysql://…?name=value` URL may carry, reviewed: each is
 * applied here, explicitly. mysql2 would take any of its options from the
 * query (`debug` dumps protocol packets to the log, `multipleStatements`
 * widens an injection), and TypeORM would silently drop them all, `ssl` too.
 */
const reviewedUrlOptions: Record<string, { takes: string; parse: (value: string) => unknown }> = {
  /** TLS to the server, its certificate checked against the system's CAs. */
  ssl: { takes: 'true', parse: (value) => (value === 'true' ? { rejectUnauthorized: true } : undefined) },
  /** Milliseconds to wait for a new connection. */
  connectTimeout: {
    takes: 'a whole number of milliseconds from 1',
    parse: (value) => (/^[1-9]\d{0,6}$/.test(value) ? Number(value) : undefined),
  },
};

/** What is wrong with a database URL's options, for the config to report at boot; undefined when nothing is. */
export function databaseUrlProblem(url: string): string | undefined {
  const query = url.includes('?') ? url.slice(url.indexOf('?') + 1) : '';
  for (const [name, value] of new URLSearchParams(query)) {
    const option = reviewedUrlOptions[name];
    if (!option) return `the option "${name}" is not allowed (allowed: ${Object.keys(reviewedUrlOptions).join(', ')})`;
    if (option.parse(value) === undefined) return `the option "${name}" takes ${option.takes}`;
  }
  return undefined;
}

/** The URL without its query, and the reviewed options it named; throws for any other option. */
function splitDatabaseUrl(url: string): { url: string; ssl?: unknown; connectTimeout?: number } {
  const problem = databaseUrlProblem(url);
  if (problem) throw new Error(`Database URL: ${problem}.`);
  if (!url.includes('?')) return { url };
  const options = Object.fromEntries(
    [...new URLSearchParams(url.slice(url.indexOf('?') + 1))].map(([name, value]) => [name, reviewedUrlOptions[name]!.parse(value)]),
  );
  return { ...options, url: url.slice(0, url.indexOf('?')) };
}

/** What is wrong with a list of replica URLs beside the primary's `url`; undefined when nothing is. */
export function replicaUrlsProblem(primaryUrl: string | undefined, replicaUrls: readonly string[]): string | undefined {
  if (replicaUrls.length === 0) return undefined;
  if (!primaryUrl) return 'replicas need a primary: set the DATABASE_URL too (SQLite has no replicas)';
  const optionsOf = (url: string) => (url.includes('?') ? new URLSearchParams(url.slice(url.indexOf('?') + 1)).toString() : '');
  for (const replicaUrl of replicaUrls) {
    const problem = databaseUrlProblem(replicaUrl);
    if (problem) return `${problem} (in a replica URL)`;
    if (optionsOf(replicaUrl) !== optionsOf(primaryUrl)) return "a replica URL's options (ssl, connectTimeout) must be the primary URL's";
  }
  return undefined;
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
    const { url, ssl, connectTimeout } = splitDatabaseUrl(input.url);
    const replicaUrls = (input.replicaUrls ?? []).map((replicaUrl) => splitDatabaseUrl(replicaUrl).url);
    return {
      ...common,
      type: 'mysql',
      ...(replicaUrls.length === 0
        ? { url }
        : {
            replication: {
              master: { url },
              slaves: replicaUrls.map((replicaUrl) => ({ url: replicaUrl })),
              // The routing (read-replicas.ts) picks the node and judges its health: mysql2's cluster
              // must neither retry a dead node in a loop nor drop a node for good after a few errors.
              canRetry: false,
              removeNodeErrorCount: Number.MAX_SAFE_INTEGER,
            },
          }),
      ...(ssl ? { ssl: ssl as object } : {}),
      charset: 'utf8mb4_unicode_ci',
      timezone: 'Z',
      migrations: input.migrations.mysql,
      poolSize: input.poolSize ?? 10,
      extra: {
        waitForConnections: true,
        queueLimit: input.poolQueueLimit ?? 500,
        enableKeepAlive: true,
        connectTimeout: connectTimeout ?? 10_000,
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
