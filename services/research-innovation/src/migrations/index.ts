import { IdempotencyKeysMysql1764460800000, IdempotencyKeysSqlite1764460800000 } from '@nlai/database';
import { Initial1764374400000 as InitialMysql } from './mysql/1764374400000-initial';
import { Initial1764374400000 as InitialSqlite } from './sqlite/1764374400000-initial';

/** Every migration of this service, per dialect, in the order they apply. */
export const migrations = {
  sqlite: [InitialSqlite, IdempotencyKeysSqlite1764460800000],
  mysql: [InitialMysql, IdempotencyKeysMysql1764460800000],
};
