import 'reflect-metadata';
import { createConnection } from 'mysql2/promise';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { onPrimary, ReplicaRouting, type ReplicaLogger, type ReplicaRoutingOptions } from './read-replicas';

/**
 * MariaDB speaks the MySQL protocol but reports column defaults differently;
 * TypeORM only reads them right when told it is MariaDB. A `mysql://` URL may
 * point at either, so ask the server.
 */
async function withServerFlavour(options: DataSourceOptions): Promise<DataSourceOptions> {
  const url = primaryUrlOf(options);
  if (options.type !== 'mysql' || !url) return options;
  // The URL has no query left (databaseOptions applied its options); TLS is kept for this probe too.
  const connection = await createConnection({
    uri: url,
    connectTimeout: 10_000,
    ...(options.ssl ? { ssl: options.ssl as object } : {}),
  });
  try {
    const [rows] = await connection.query('SELECT VERSION() AS version');
    const version = String((rows as Array<{ version: string }>)[0]?.version ?? '');
    return /mariadb/i.test(version) ? { ...options, type: 'mariadb' } : options;
  } finally {
    await connection.end();
  }
}

function primaryUrlOf(options: DataSourceOptions): string | undefined {
  if (options.type !== 'mysql' && options.type !== 'mariadb') return undefined;
  return options.replication ? (options.replication.master as { url?: string }).url : options.url;
}

/** Options of {@link openDatabase}. */
export interface OpenDatabaseOptions {
  /** How replicas are judged, when the options name some (`replication`). */
  replicas?: Omit<ReplicaRoutingOptions, 'logger'> & { logger: ReplicaLogger };
}

/**
 * Connects and applies pending migrations, each in its own transaction, on
 * the primary. With replicas, starts routing reads to them (see
 * ReplicaRouting). Returns the names of the migrations it applied.
 */
export async function openDatabase(
  options: DataSourceOptions,
  openOptions: OpenDatabaseOptions = {},
): Promise<{ dataSource: DataSource; applied: string[]; replicas?: ReplicaRouting }> {
  const dataSource = new DataSource(await withServerFlavour(options));
  await dataSource.initialize();
  let replicas: ReplicaRouting | undefined;
  try {
    if ((options.type === 'mysql' || options.type === 'mariadb') && options.replication) {
      replicas = new ReplicaRouting(
        dataSource,
        primaryUrlOf(options)!,
        options.replication.slaves.map((slave) => (slave as { url: string }).url),
        openOptions.replicas ?? { maxLagMs: 5000, checkMs: 500, logger: { info: () => undefined, warn: () => undefined } },
        options.ssl as object | undefined,
      );
      await replicas.start();
    }
    const migrations = await onPrimary(() => dataSource.runMigrations({ transaction: 'each' }));
    return { dataSource, applied: migrations.map((migration) => migration.name), ...(replicas ? { replicas } : {}) };
  } catch (error) {
    await replicas?.stop();
    await dataSource.destroy();
    throw error;
  }
}

/**
 * `npm run migrate` of a service: applies pending migrations, says which,
 * and closes the connection without serving; exit code 1 on failure.
 */
export async function migrateOnly(options: DataSourceOptions): Promise<void> {
  try {
    const { dataSource, applied } = await openDatabase(options);
    process.stdout.write(applied.length ? `Applied ${applied.join(', ')}.\n` : 'No pending migrations.\n');
    await dataSource.destroy();
  } catch (error) {
    process.stderr.write(`Migration failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  }
}
