export { databaseOptions, dialectOf } from './database-options';
export type { Dialect, DatabaseOptionsInput } from './database-options';
export { openDatabase } from './open-database';
export { CountingLogger, countStatements, statementsSoFar } from './statement-counter';
export type { DatabaseLogSink } from './statement-counter';
export { randomId, slugify } from './ids';
export { onePer, manyPer } from './batch';
export { isUniqueViolation } from './unique-violation';
