import { FigureReleases1764720000000 as FigureReleasesMysql } from './mysql/1764720000000-figure-releases';
import { Initial1764374400000 as InitialMysql } from './mysql/1764374400000-initial';
import { PlacementOrganisationKind1764547200000 as PlacementOrganisationKindMysql } from './mysql/1764547200000-placement-organisation-kind';
import { FigureReleases1764720000000 as FigureReleasesSqlite } from './sqlite/1764720000000-figure-releases';
import { Initial1764374400000 as InitialSqlite } from './sqlite/1764374400000-initial';
import { PlacementOrganisationKind1764547200000 as PlacementOrganisationKindSqlite } from './sqlite/1764547200000-placement-organisation-kind';

/** Every migration of this service, per dialect, in the order they apply (the kit adds its idempotency-key table). */
export const migrations = {
  sqlite: [InitialSqlite, PlacementOrganisationKindSqlite, FigureReleasesSqlite],
  mysql: [InitialMysql, PlacementOrganisationKindMysql, FigureReleasesMysql],
};
