// Prints the DDL TypeORM would run to build a service's entities on an empty
// database, per dialect: the starting point of a hand-checked migration.
// Usage: npx tsx scripts/schema-sql.ts <path to entities/index.ts> <sqlite|mysql> [mysql url]
import 'reflect-metadata';
import { DataSource } from 'typeorm';

async function main() {
  const [entitiesPath, dialect, url] = process.argv.slice(2);
  const { entities } = await import(require('node:path').resolve(entitiesPath!));
  const dataSource = new DataSource(
    dialect === 'mysql'
      ? { type: 'mysql', url: url!, entities, charset: 'utf8mb4_unicode_ci' }
      : { type: 'better-sqlite3', database: ':memory:', entities },
  );
  await dataSource.initialize();
  const sql = await dataSource.driver.createSchemaBuilder().log();
  for (const query of sql.upQueries) console.log(`${query.query};`);
  console.log('-- down');
  for (const query of sql.downQueries.reverse()) console.log(`${query.query};`);
  await dataSource.destroy();
}
main();
