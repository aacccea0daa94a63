import 'reflect-metadata';
import { DataSource, type DataSourceOptions } from 'typeorm';

/**
 * Connects and applies pending migrations, each in its own transaction.
 * Returns the names of the migrations it applied.
 */
export async function openDatabase(options: DataSourceOptions): Promise<{ dataSource: DataSource; applied: string[] }> {
  const dataSource = new DataSource(options);
  await dataSource.initialize();
  try {
    const migrations = await dataSource.runMigrations({ transaction: 'each' });
    return { dataSource, applied: migrations.map((migration) => migration.name) };
  } catch (error) {
    await dataSource.destroy();
    throw error;
  }
}
