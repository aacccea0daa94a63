import { createTestDatabase, testDialects, type TestDatabase } from '@nlai/testing';
import type { MigrationInterface } from 'typeorm';
import { databaseOptions, openDatabase } from '../src';
import { AddLabCity1764374400001, CreateLab1764374400000, LabSchema, migrationsFor } from './lab-table';

class BrokenMigration1764374400002 implements MigrationInterface {
  name = 'BrokenMigration1764374400002';

  async up(): Promise<void> {
    throw new Error('this migration is broken');
  }

  async down(): Promise<void> {}
}

describe.each(testDialects())('openDatabase on %s', (dialect) => {
  let database: TestDatabase;

  beforeEach(async () => {
    database = await createTestDatabase(dialect, 'open');
  });

  afterEach(async () => {
    await database.drop();
  });

  function open(migrations: Array<new () => MigrationInterface>) {
    return openDatabase(
      databaseOptions({
        url: database.url,
        sqliteFile: database.sqliteFile,
        entities: [LabSchema],
        migrations: migrationsFor(dialect, migrations),
      }),
    );
  }

  it('applies the migrations of its dialect, in the order listed, and names them', async () => {
    const { dataSource, applied } = await open([CreateLab1764374400000, AddLabCity1764374400001]);
    try {
      expect(applied).toEqual(['CreateLab1764374400000', 'AddLabCity1764374400001']);
      await dataSource.getRepository(LabSchema).insert({ id: 'quva', name: 'QUVA Lab', city: 'Amsterdam' });
      expect(await dataSource.getRepository(LabSchema).findOneBy({ id: 'quva' })).toEqual({
        id: 'quva',
        name: 'QUVA Lab',
        city: 'Amsterdam',
      });
    } finally {
      await dataSource.destroy();
    }
  });

  it('applies only the migrations that are new since the last start', async () => {
    const first = await open([CreateLab1764374400000]);
    await first.dataSource.destroy();

    const second = await open([CreateLab1764374400000, AddLabCity1764374400001]);
    const third = await (async () => {
      await second.dataSource.destroy();
      return open([CreateLab1764374400000, AddLabCity1764374400001]);
    })();
    await third.dataSource.destroy();

    expect(first.applied).toEqual(['CreateLab1764374400000']);
    expect(second.applied).toEqual(['AddLabCity1764374400001']);
    expect(third.applied).toEqual([]);
  });

  it('fails with the error of a broken migration, keeping the migrations before it applied', async () => {
    // TypeORM prints the failed migration with console.log; keep the test output clean.
    const consoleLog = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      await expect(open([CreateLab1764374400000, BrokenMigration1764374400002])).rejects.toThrow('this migration is broken');
    } finally {
      consoleLog.mockRestore();
    }

    const { dataSource, applied } = await open([CreateLab1764374400000]);
    await dataSource.destroy();
    expect(applied).toEqual([]);
  });
});
