import type { MigrationInterface, QueryRunner } from 'typeorm';

/** City-centre coordinates of a location and their source (SQLite); null for locations recorded before. */
export class LocationCoordinates1780000000000 implements MigrationInterface {
  name = 'LocationCoordinates1780000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "location" ADD COLUMN "latitude" double`);
    await queryRunner.query(`ALTER TABLE "location" ADD COLUMN "longitude" double`);
    await queryRunner.query(`ALTER TABLE "location" ADD COLUMN "coordinates_source" varchar(500)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const column of ['coordinates_source', 'longitude', 'latitude'])
      await queryRunner.query(`ALTER TABLE "location" DROP COLUMN "${column}"`);
  }
}
