import type { MigrationInterface, QueryRunner } from 'typeorm';

/** City-centre coordinates of a location and their source (MySQL); null for locations recorded before. */
export class LocationCoordinates1780000000000 implements MigrationInterface {
  name = 'LocationCoordinates1780000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE `location` ADD `latitude` double NULL, ADD `longitude` double NULL, ADD `coordinates_source` varchar(500) NULL',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE `location` DROP COLUMN `coordinates_source`, DROP COLUMN `longitude`, DROP COLUMN `latitude`');
  }
}
