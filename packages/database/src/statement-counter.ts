import { AsyncLocalStorage } from 'node:async_hooks';
import type { Logger, QueryRunner } from 'typeorm';

interface Tally {
  statements: number;
}

const current = new AsyncLocalStorage<Tally>();

/**
 * Counts the SQL statements a unit of work sends, e.g. one GraphQL request:
 * run the work inside `countStatements` and read the tally afterwards.
 */
export async function countStatements<T>(work: () => Promise<T>): Promise<{ result: T; statements: number }> {
  const tally: Tally = { statements: 0 };
  const result = await current.run(tally, work);
  return { result, statements: tally.statements };
}

/** The count so far in the current unit of work, or null outside one. */
export function statementsSoFar(): number | null {
  return current.getStore()?.statements ?? null;
}

/** Minimal logger interface the database logger forwards to (pino's shape). */
export interface DatabaseLogSink {
  debug(details: Record<string, unknown>, message: string): void;
  warn(details: Record<string, unknown>, message: string): void;
  error(details: Record<string, unknown>, message: string): void;
}

/** A TypeORM logger that tallies statements and sends slow ones (and, at debug, failing ones) to the service log. */
export class CountingLogger implements Logger {
  constructor(
    private readonly sink: DatabaseLogSink,
    private readonly slowQueryMs = 500,
  ) {}

  logQuery(query: string, _parameters?: unknown[], _queryRunner?: QueryRunner): void {
    const tally = current.getStore();
    if (tally) tally.statements += 1;
    this.sink.debug({ query }, 'sql');
  }

  // Debug only: the error travels on (with its SQL) to where it is handled, which logs it with the
  // request id when it is a fault, and not at all when it is expected (a duplicate key that becomes a user error).
  logQueryError(error: string | Error, query: string): void {
    this.sink.debug({ err: error, query }, 'sql failed');
  }

  logQuerySlow(time: number, query: string): void {
    if (time >= this.slowQueryMs) this.sink.warn({ query, ms: time }, 'slow sql');
  }

  logSchemaBuild(message: string): void {
    this.sink.debug({ message }, 'schema');
  }

  logMigration(message: string): void {
    this.sink.debug({ message }, 'migration');
  }

  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    if (level === 'warn') this.sink.warn({ message }, 'database');
    else this.sink.debug({ message }, 'database');
  }
}
