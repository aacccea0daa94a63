import { LocationCoordinates1780000000000 as LocationCoordinatesMysql } from './mysql/1780000000000-location-coordinates';
import { Initial1764374400000 as InitialMysql } from './mysql/1764374400000-initial';
import { LocationCoordinates1780000000000 as LocationCoordinatesSqlite } from './sqlite/1780000000000-location-coordinates';
import { Initial1764374400000 as InitialSqlite } from './sqlite/1764374400000-initial';

/** Every migration of this service, per dialect, in the order they apply (the kit adds its idempotency-key table). */
export const migrations = {
  sqlite: [InitialSqlite, LocationCoordinatesSqlite],
  mysql: [InitialMysql, LocationCoordinatesMysql],
};
