import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A migration that runs SQL statements, in order: `up` to apply, `down` to
 * revert. `name` ends in the 13-digit timestamp TypeORM orders migrations by,
 * e.g. `Initial1764374400000`. For migrations that are only SQL, so a
 * subgraph's migration file is its statements, not a class around them.
 */
export function sqlMigration(name: string, statements: { up: string[]; down: string[] }): new () => MigrationInterface {
  if (!/\d{13}$/.test(name)) throw new Error(`A migration's name ends in its 13-digit timestamp; "${name}" does not.`);
  return class implements MigrationInterface {
    name = name;

    async up(queryRunner: QueryRunner): Promise<void> {
      for (const statement of statements.up) await queryRunner.query(statement);
    }

    async down(queryRunner: QueryRunner): Promise<void> {
      for (const statement of statements.down) await queryRunner.query(statement);
    }
  };
}
