import { createTestDatabase, testDialects, type TestDatabase } from '@nlai/testing';
import type { DataSource } from 'typeorm';
import { databaseOptions, isUniqueViolation, openDatabase } from '../src';
import { AddLabCity1764374400001, CreateLab1764374400000, LabSchema, migrationsFor } from './lab-table';

/** Runs a write that must fail and returns what it threw. */
async function failureOf(write: () => Promise<unknown>): Promise<unknown> {
  try {
    await write();
  } catch (error) {
    return error;
  }
  throw new Error('expected the write to fail');
}

describe.each(testDialects())('isUniqueViolation on %s', (dialect) => {
  let database: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    database = await createTestDatabase(dialect, 'unique');
    ({ dataSource } = await openDatabase(
      databaseOptions({
        url: database.url,
        sqliteFile: database.sqliteFile,
        entities: [LabSchema],
        migrations: migrationsFor(dialect, [CreateLab1764374400000, AddLabCity1764374400001]),
      }),
    ));
    await dataSource.getRepository(LabSchema).insert({ id: 'quva', name: 'QUVA Lab', city: null });
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  it('recognises an insert that repeats a UNIQUE value', async () => {
    const error = await failureOf(() => dataSource.getRepository(LabSchema).insert({ id: 'quva-2', name: 'QUVA Lab', city: null }));

    expect(isUniqueViolation(error)).toBe(true);
  });

  it('recognises an insert that repeats a primary key', async () => {
    const error = await failureOf(() => dataSource.getRepository(LabSchema).insert({ id: 'quva', name: 'Another lab', city: null }));

    expect(isUniqueViolation(error)).toBe(true);
  });

  it('recognises an update that takes a value already held by another row', async () => {
    await dataSource.getRepository(LabSchema).insert({ id: 'elsa', name: 'ELSA Lab', city: null });

    const error = await failureOf(() => dataSource.getRepository(LabSchema).update({ id: 'elsa' }, { name: 'QUVA Lab' }));

    expect(isUniqueViolation(error)).toBe(true);
  });

  it('does not mistake another failed write for a unique violation', async () => {
    const missingName = await failureOf(() => dataSource.query('INSERT INTO lab (id, name) VALUES (?, NULL)', ['nameless']));
    const unknownTable = await failureOf(() => dataSource.query('INSERT INTO no_such_table (id) VALUES (1)'));

    expect(isUniqueViolation(missingName)).toBe(false);
    expect(isUniqueViolation(unknownTable)).toBe(false);
  });
});

describe('isUniqueViolation', () => {
  it('is false for anything that is not a database error', () => {
    expect(isUniqueViolation(new Error('ER_DUP_ENTRY'))).toBe(false);
    expect(isUniqueViolation(null)).toBe(false);
    expect(isUniqueViolation(undefined)).toBe(false);
    expect(isUniqueViolation('ER_DUP_ENTRY')).toBe(false);
  });
});
