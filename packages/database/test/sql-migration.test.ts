import { DataSource } from 'typeorm';
import { sqlMigration } from '../src';

describe('sqlMigration', () => {
  it('applies its statements in order and reverts them, recorded under its name', async () => {
    const Notes = sqlMigration('Notes1700000000000', {
      up: ['CREATE TABLE note (id varchar(8) PRIMARY KEY)', "INSERT INTO note (id) VALUES ('a')"],
      down: ['DROP TABLE note'],
    });
    const dataSource = new DataSource({ type: 'better-sqlite3', database: ':memory:', migrations: [Notes] });
    await dataSource.initialize();
    const applied = await dataSource.runMigrations();
    expect(applied.map((migration) => migration.name)).toEqual(['Notes1700000000000']);
    expect(await dataSource.query('SELECT id FROM note')).toEqual([{ id: 'a' }]);
    await dataSource.undoLastMigration();
    expect(await dataSource.query("SELECT name FROM sqlite_master WHERE name = 'note'")).toEqual([]);
    await dataSource.destroy();
  });

  it('refuses a name without the timestamp TypeORM orders by', () => {
    expect(() => sqlMigration('Notes', { up: [], down: [] })).toThrow(/13-digit timestamp/);
  });
});
