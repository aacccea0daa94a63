import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Talent, placements, courses and vacancies (SQLite). Lab and organisation ids are entity keys of another subgraph: no foreign keys. */
export class Initial1764374400000 implements MigrationInterface {
  name = 'Initial1764374400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const statements = [
      `CREATE TABLE "talent" ("id" varchar(32) PRIMARY KEY NOT NULL, "lab_id" varchar(64) NOT NULL, "stage" varchar(16) NOT NULL, "origin" varchar(16) NOT NULL, "start_year" integer NOT NULL, "end_year" integer)`,
      `CREATE INDEX "ix_talent_stage" ON "talent" ("stage")`,
      `CREATE INDEX "ix_talent_origin" ON "talent" ("origin")`,
      `CREATE INDEX "ix_talent_start" ON "talent" ("start_year", "id")`,
      `CREATE INDEX "ix_talent_lab_start" ON "talent" ("lab_id", "start_year", "id")`,
      `CREATE TABLE "placement" ("id" varchar(32) PRIMARY KEY NOT NULL, "talent_id" varchar(32) NOT NULL, "organisation_id" varchar(64) NOT NULL, "country" varchar(2) NOT NULL, "sector" varchar(80), "start_year" integer NOT NULL, "end_year" integer,
        CONSTRAINT "fk_placement_talent" FOREIGN KEY ("talent_id") REFERENCES "talent" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
      `CREATE INDEX "ix_placement_organisation" ON "placement" ("organisation_id", "start_year", "id")`,
      `CREATE INDEX "ix_placement_talent" ON "placement" ("talent_id", "start_year", "id")`,
      `CREATE TABLE "course" ("id" varchar(64) PRIMARY KEY NOT NULL, "title" varchar(200) NOT NULL, "kind" varchar(32) NOT NULL, "provider_id" varchar(64), "launch_year" integer, "placeholder" boolean NOT NULL DEFAULT (0))`,
      `CREATE INDEX "ix_course_kind" ON "course" ("kind")`,
      `CREATE INDEX "ix_course_provider" ON "course" ("provider_id")`,
      `CREATE TABLE "course_sector" ("course_id" varchar(64) NOT NULL, "sector" varchar(80) NOT NULL, "position" integer NOT NULL,
        CONSTRAINT "fk_course_sector_course" FOREIGN KEY ("course_id") REFERENCES "course" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, PRIMARY KEY ("course_id", "sector"))`,
      `CREATE INDEX "ix_course_sector_sector" ON "course_sector" ("sector", "course_id")`,
      `CREATE TABLE "vacancy" ("id" varchar(64) PRIMARY KEY NOT NULL, "title" varchar(200) NOT NULL, "organisation_id" varchar(64) NOT NULL, "posted_year" integer NOT NULL, "placeholder" boolean NOT NULL DEFAULT (0))`,
      `CREATE INDEX "ix_vacancy_organisation" ON "vacancy" ("organisation_id")`,
      `CREATE INDEX "ix_vacancy_posted" ON "vacancy" ("posted_year", "id")`,
      `CREATE TABLE "vacancy_theme" ("vacancy_id" varchar(64) NOT NULL, "theme" varchar(80) NOT NULL, "position" integer NOT NULL,
        CONSTRAINT "fk_vacancy_theme_vacancy" FOREIGN KEY ("vacancy_id") REFERENCES "vacancy" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, PRIMARY KEY ("vacancy_id", "theme"))`,
      `CREATE INDEX "ix_vacancy_theme_theme" ON "vacancy_theme" ("theme", "vacancy_id")`,
    ];
    for (const statement of statements) await queryRunner.query(statement);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['vacancy_theme', 'vacancy', 'course_sector', 'course', 'placement', 'talent'])
      await queryRunner.query(`DROP TABLE "${table}"`);
  }
}
