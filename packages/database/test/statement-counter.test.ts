import { setTimeout as sleep } from 'node:timers/promises';
import { createTestDatabase, testDialects, type TestDatabase } from '@nlai/testing';
import type { DataSource } from 'typeorm';
import { CountingLogger, countStatements, databaseOptions, openDatabase, statementsSoFar, type DatabaseLogSink } from '../src';
import { AddLabCity1764374400001, CreateLab1764374400000, LabSchema, migrationsFor } from './lab-table';

interface LogLine {
  level: 'debug' | 'warn' | 'error';
  details: Record<string, unknown>;
  message: string;
}

function recordingSink(): DatabaseLogSink & { lines: LogLine[] } {
  const lines: LogLine[] = [];
  return {
    lines,
    debug: (details, message) => lines.push({ level: 'debug', details, message }),
    warn: (details, message) => lines.push({ level: 'warn', details, message }),
    error: (details, message) => lines.push({ level: 'error', details, message }),
  };
}

describe.each(testDialects())('countStatements on %s', (dialect) => {
  let database: TestDatabase;
  let dataSource: DataSource;
  const sink = recordingSink();

  beforeAll(async () => {
    database = await createTestDatabase(dialect, 'counting');
    ({ dataSource } = await openDatabase(
      databaseOptions({
        url: database.url,
        sqliteFile: database.sqliteFile,
        entities: [LabSchema],
        migrations: migrationsFor(dialect, [CreateLab1764374400000, AddLabCity1764374400001]),
        logger: new CountingLogger(sink),
      }),
    ));
    await dataSource.query('INSERT INTO lab (id, name) VALUES (?, ?), (?, ?)', ['quva', 'QUVA Lab', 'elsa', 'ELSA Lab']);
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  beforeEach(() => {
    sink.lines.length = 0;
  });

  const labs = () => dataSource.getRepository(LabSchema);

  it('counts the statements a unit of work sends and hands back its result', async () => {
    const { result, statements } = await countStatements(async () => {
      const first = await labs().findOneBy({ id: 'quva' });
      const second = await labs().findOneBy({ id: 'elsa' });
      return [first?.name, second?.name];
    });

    expect(result).toEqual(['QUVA Lab', 'ELSA Lab']);
    expect(statements).toBe(2);
  });

  it('gives two concurrent units of work each their own count', async () => {
    const busy = countStatements(async () => {
      for (let index = 0; index < 3; index += 1) {
        await labs().count();
        await sleep(5);
      }
      return 'busy';
    });
    const quiet = countStatements(async () => {
      await sleep(2);
      await labs().findOneBy({ id: 'quva' });
      return 'quiet';
    });

    const [busyCount, quietCount] = await Promise.all([busy, quiet]);

    expect(busyCount).toEqual({ result: 'busy', statements: 3 });
    expect(quietCount).toEqual({ result: 'quiet', statements: 1 });
  });

  it('counts statements sent from parallel branches of one unit of work', async () => {
    const { statements } = await countStatements(() => Promise.all([labs().count(), labs().findOneBy({ id: 'elsa' }), labs().find()]));

    expect(statements).toBe(3);
  });

  it('tells the count so far inside a unit of work, and nothing outside one', async () => {
    expect(statementsSoFar()).toBeNull();

    const { result } = await countStatements(async () => {
      const before = statementsSoFar();
      await labs().count();
      return [before, statementsSoFar()];
    });

    expect(result).toEqual([0, 1]);
  });

  it('does not add statements sent outside a unit of work to any count', async () => {
    const unit = countStatements(async () => {
      await sleep(10);
      await labs().count();
    });
    await Promise.all([labs().find(), labs().find()]);

    expect((await unit).statements).toBe(1);
  });

  it('sends a failing statement to the debug log with its SQL, leaving the error level to whoever handles the error', async () => {
    await expect(dataSource.query('SELECT * FROM no_such_table')).rejects.toThrow();

    expect(sink.lines.filter((line) => line.level === 'error')).toEqual([]);
    const failure = sink.lines.find((line) => line.message === 'sql failed');
    expect(failure?.level).toBe('debug');
    expect(failure?.message).toBe('sql failed');
    expect(failure?.details.query).toBe('SELECT * FROM no_such_table');
  });
});

describe('CountingLogger', () => {
  it('warns about a slow statement only from the threshold up', () => {
    const sink = recordingSink();
    const logger = new CountingLogger(sink, 200);

    logger.logQuerySlow(199, 'SELECT 1');
    logger.logQuerySlow(200, 'SELECT 2');

    expect(sink.lines).toEqual([{ level: 'warn', details: { query: 'SELECT 2', ms: 200 }, message: 'slow sql' }]);
  });

  it('passes on TypeORM warnings as warnings and the rest as debug output', () => {
    const sink = recordingSink();
    const logger = new CountingLogger(sink);

    logger.log('warn', 'deprecated option');
    logger.log('info', 'connected');

    expect(sink.lines.map((line) => line.level)).toEqual(['warn', 'debug']);
  });
});
