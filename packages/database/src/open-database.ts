import 'reflect-metadata';
import { createConnection } from 'mysql2/promise';
import { DataSource, type DataSourceOptions } from 'typeorm';

/**
 * MariaDB speaks the MySQL protocol but reports column defaults differently;
 * TypeORM only reads them right when told it is MariaDB. A `mysql://` URL may
 * point at either, so ask the server.
 */
async function withServerFlavour(options: DataSourceOptions): Promise<DataSourceOptions> {
  if (options.type !== 'mysql' || !options.url) return options;
  // The URL has no query left (databaseOptions applied its options); TLS is kept for this probe too.
  const connection = await createConnection({
    uri: options.url,
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

/**
 * Connects and applies pending migrations, each in its own transaction.
 * Returns the names of the migrations it applied.
 */
export async function openDatabase(options: DataSourceOptions): Promise<{ dataSource: DataSource; applied: string[] }> {
  const dataSource = new DataSource(await withServerFlavour(options));
  await dataSource.initialize();
  try {
    const migrations = await dataSource.runMigrations({ transaction: 'each' });
    return { dataSource, applied: migrations.map((migration) => migration.name) };
  } catch (error) {
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
