import { databaseOptions, type DatabaseOptionsInput } from '@nlai/database';
import type { DataSourceOptions } from 'typeorm';
import { entities } from './entities';
import { migrations } from './migrations';

/** TypeORM options of this service for its configured database. */
export function dataSourceOptions(
  database: { url?: string | undefined; sqliteFile: string },
  logger?: DatabaseOptionsInput['logger'],
): DataSourceOptions {
  return databaseOptions({ ...database, entities, migrations, ...(logger ? { logger } : {}) });
}
