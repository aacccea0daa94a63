import { context, SpanKind, SpanStatusCode, trace, type Tracer } from '@opentelemetry/api';
import type { DataSource, QueryRunner } from 'typeorm';

/** The statement's verb (SELECT, INSERT, START TRANSACTION, …): the span name, never its values. */
function verbOf(query: string): string {
  return /^\s*(start transaction|begin|commit|rollback|savepoint|release savepoint|\w+)/i.exec(query)?.[1]?.toUpperCase() ?? 'SQL';
}

/** Longest statement text recorded on a span. */
const maxStatementLength = 2000;

/**
 * One span per SQL statement, inside a traced request only (not for
 * migrations, readiness checks or background jobs, which have no trace):
 * named after its verb, with the dialect and the statement text as sent,
 * placeholders included. Parameters are never recorded: they are the
 * values, and may be personal data. Wraps each query runner's `query`, the
 * one door every TypeORM statement (transactions included) goes through.
 */
export function traceQueries(dataSource: DataSource, tracer: Tracer): void {
  const system = dataSource.options.type === 'better-sqlite3' ? 'sqlite' : 'mysql';
  const wrapped = new WeakSet<QueryRunner>();
  const driver = dataSource.driver;
  const createQueryRunner = driver.createQueryRunner.bind(driver);
  driver.createQueryRunner = (mode) => {
    const runner = createQueryRunner(mode);
    if (wrapped.has(runner)) return runner;
    wrapped.add(runner);
    // One signature for TypeORM's two overloads (raw rows, or a structured result): the wrapper passes the flag through.
    const query = runner.query.bind(runner) as (
      statement: string,
      parameters?: unknown[],
      useStructuredResult?: boolean,
    ) => Promise<unknown>;
    runner.query = ((statement: string, parameters?: unknown[], useStructuredResult?: boolean) => {
      if (!trace.getSpan(context.active())) return query(statement, parameters, useStructuredResult);
      return tracer.startActiveSpan(
        verbOf(statement),
        {
          kind: SpanKind.CLIENT,
          attributes: { 'db.system': system, 'db.query.text': statement.slice(0, maxStatementLength) },
        },
        async (span) => {
          try {
            return await query(statement, parameters, useStructuredResult);
          } catch (error) {
            span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.name : 'error' });
            throw error;
          } finally {
            span.end();
          }
        },
      );
    }) as QueryRunner['query'];
    return runner;
  };
}
