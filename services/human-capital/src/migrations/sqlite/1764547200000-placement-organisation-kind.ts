import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Placements remember the employer's kind, for figures by kind of organisation (SQLite). Older rows stay unknown. */
export class PlacementOrganisationKind1764547200000 implements MigrationInterface {
  name = 'PlacementOrganisationKind1764547200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "placement" ADD COLUMN "organisation_kind" varchar(32)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "placement" DROP COLUMN "organisation_kind"`);
  }
}
