import { EntitySchema, type MigrationInterface, type QueryRunner } from 'typeorm';
import type { Dialect } from '../src';

/** A small table for the tests: a primary key, a UNIQUE name and a nullable column. */
export interface Lab {
  id: string;
  name: string;
  city: string | null;
}

export const LabSchema = new EntitySchema<Lab>({
  name: 'Lab',
  tableName: 'lab',
  columns: {
    id: { type: 'varchar', length: 64, primary: true },
    name: { type: 'varchar', length: 200 },
    city: { type: 'varchar', length: 100, nullable: true },
  },
});

export class CreateLab1764374400000 implements MigrationInterface {
  name = 'CreateLab1764374400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE lab (id varchar(64) NOT NULL PRIMARY KEY, name varchar(200) NOT NULL, CONSTRAINT uq_lab_name UNIQUE (name))',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE lab');
  }
}

export class AddLabCity1764374400001 implements MigrationInterface {
  name = 'AddLabCity1764374400001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE lab ADD city varchar(100) NULL');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE lab DROP COLUMN city');
  }
}

/** Stands in for the other dialect's migrations: running it means the wrong list was picked. */
export class OtherDialectOnly1764374400000 implements MigrationInterface {
  name = 'OtherDialectOnly1764374400000';

  async up(): Promise<void> {
    throw new Error('ran a migration of the other dialect');
  }

  async down(): Promise<void> {}
}

/** The given migrations for `dialect`, and a migration that must not run for the other one. */
export function migrationsFor(
  dialect: Dialect,
  migrations: Array<new () => MigrationInterface>,
): Record<Dialect, Array<new () => MigrationInterface>> {
  const other = [OtherDialectOnly1764374400000];
  return dialect === 'mysql' ? { mysql: migrations, sqlite: other } : { sqlite: migrations, mysql: other };
}
