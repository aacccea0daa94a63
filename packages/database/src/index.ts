export { databaseOptions, databaseUrlProblem, dialectOf, replicaUrlsProblem } from './database-options';
export { databaseUrlVariable } from './database-url-variable';
export type { Dialect, DatabaseOptionsInput } from './database-options';
export { migrateOnly, openDatabase } from './open-database';
export type { OpenDatabaseOptions } from './open-database';
export {
  currentReadScope,
  hasReached,
  onPrimary,
  parseGtidPosition,
  replicaRoutingOf,
  ReplicaRouting,
  withReadScope,
} from './read-replicas';
export type { GtidPosition, ReadScope, ReplicaLogger, ReplicaRoutingOptions } from './read-replicas';
export { CountingLogger, countStatements, statementsSoFar } from './statement-counter';
export type { DatabaseLogSink } from './statement-counter';
export { randomId, slugify } from './ids';
export { onePer, manyPer, referenced } from './batch';
export { isUniqueViolation } from './unique-violation';
export { IdempotencyKeyEntity, IdempotencyKeyRefused, idempotentTransaction, replayOf, runMutation, storedResult } from './idempotency';
export type { IdempotentRequest, MutationPayload } from './idempotency';
export { IdempotencyKeysMysql1764460800000, IdempotencyKeysSqlite1764460800000 } from './idempotency-migrations';
export { isTransientConflict, retryingTransaction } from './retrying-transaction';
export { copyId, insertInChunks } from './seeding';
export { EntityRepository, repositoriesOf } from './entity-repository';
export type { BoundRepositories, IdentifiedRow } from './entity-repository';
export { LabelTable } from './label-table';
export type { LabelRow, LabelTableOptions } from './label-table';
export { IdColumn, KeyColumn, PlaceholderColumn, TextColumn, YearColumn } from './columns';
export { traceQueries } from './traced-queries';
export { poolUsage } from './pool-usage';
export type { PoolUsage } from './pool-usage';
export { sqlMigration } from './sql-migration';
