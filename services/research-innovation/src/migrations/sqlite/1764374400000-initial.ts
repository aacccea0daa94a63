import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Locations, organisations, labs, their themes and partnerships (SQLite). */
export class Initial1764374400000 implements MigrationInterface {
  name = 'Initial1764374400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const statements = [
      `CREATE TABLE "location" ("id" varchar(64) PRIMARY KEY NOT NULL, "city" varchar(100) NOT NULL, "role" varchar(16) NOT NULL, "region" varchar(100) NOT NULL, "expertise" text NOT NULL, "hub_id" varchar(64),
        CONSTRAINT "fk_location_hub" FOREIGN KEY ("hub_id") REFERENCES "location" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION)`,
      `CREATE UNIQUE INDEX "uq_location_city" ON "location" ("city")`,
      `CREATE INDEX "ix_location_hub" ON "location" ("hub_id")`,
      `CREATE TABLE "organisation" ("id" varchar(64) PRIMARY KEY NOT NULL, "name" varchar(200) NOT NULL, "kind" varchar(32) NOT NULL, "ror_id" varchar(9), "country" varchar(2) NOT NULL, "placeholder" boolean NOT NULL DEFAULT (0))`,
      `CREATE UNIQUE INDEX "uq_organisation_name" ON "organisation" ("name")`,
      `CREATE INDEX "ix_organisation_kind" ON "organisation" ("kind")`,
      `CREATE UNIQUE INDEX "uq_organisation_ror" ON "organisation" ("ror_id")`,
      `CREATE TABLE "lab" ("id" varchar(64) PRIMARY KEY NOT NULL, "name" varchar(200) NOT NULL, "status" varchar(16) NOT NULL, "location_id" varchar(64) NOT NULL, "start_year" integer, "end_year" integer, "placeholder" boolean NOT NULL DEFAULT (0), "source_url" varchar(500),
        CONSTRAINT "fk_lab_location" FOREIGN KEY ("location_id") REFERENCES "location" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION)`,
      `CREATE UNIQUE INDEX "uq_lab_name" ON "lab" ("name")`,
      `CREATE INDEX "ix_lab_status" ON "lab" ("status")`,
      `CREATE INDEX "ix_lab_location" ON "lab" ("location_id")`,
      `CREATE INDEX "ix_lab_start_year" ON "lab" ("start_year", "id")`,
      `CREATE TABLE "lab_theme" ("lab_id" varchar(64) NOT NULL, "theme" varchar(80) NOT NULL, "position" integer NOT NULL,
        CONSTRAINT "fk_lab_theme_lab" FOREIGN KEY ("lab_id") REFERENCES "lab" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, PRIMARY KEY ("lab_id", "theme"))`,
      `CREATE INDEX "ix_lab_theme_theme" ON "lab_theme" ("theme", "lab_id")`,
      `CREATE TABLE "partnership" ("id" varchar(64) PRIMARY KEY NOT NULL, "lab_id" varchar(64) NOT NULL, "organisation_id" varchar(64) NOT NULL, "role" varchar(32) NOT NULL, "start_year" integer, "end_year" integer,
        CONSTRAINT "fk_partnership_lab" FOREIGN KEY ("lab_id") REFERENCES "lab" ("id") ON DELETE CASCADE ON UPDATE NO ACTION,
        CONSTRAINT "fk_partnership_organisation" FOREIGN KEY ("organisation_id") REFERENCES "organisation" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION)`,
      `CREATE INDEX "ix_partnership_lab" ON "partnership" ("lab_id")`,
      `CREATE INDEX "ix_partnership_organisation" ON "partnership" ("organisation_id")`,
    ];
    for (const statement of statements) await queryRunner.query(statement);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['partnership', 'lab_theme', 'lab', 'organisation', 'location']) await queryRunner.query(`DROP TABLE "${table}"`);
  }
}
